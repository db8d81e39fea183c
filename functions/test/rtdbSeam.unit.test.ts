import { describe, expect, it } from 'vitest';
import { RecordingMembershipMirror, mirrorUpdate } from '../src/lib/rtdb.ts';
import { chooseDatabaseUrl, rtdbAvailable } from '../src/lib/realtimeDatabase.ts';

describe('the RTDB membership mirror seam', () => {
  it('turns a change into one multi-path update: true for members, null to delete', () => {
    expect(mirrorUpdate('c1', { add: ['ben', 'cai'], remove: ['dev'] })).toEqual({
      'chatMembers/c1/dev': null,
      'chatMembers/c1/ben': true,
      'chatMembers/c1/cai': true,
    });
  });

  it('records calls and replays them into the mirror state they would produce', async () => {
    const mirror = new RecordingMembershipMirror();
    await mirror.apply('c1', { add: ['ana', 'ben', 'cai'], remove: [] });
    await mirror.apply('c1', { add: [], remove: ['ben'] });
    await mirror.apply('c2', { add: ['ana'], remove: [] });
    expect(mirror.calls).toHaveLength(3);
    expect(mirror.state()).toEqual({ c1: ['ana', 'cai'], c2: ['ana'] });
  });

  it.each([
    ['deployed (Cloud Run sets K_SERVICE)', { K_SERVICE: 'openDirectChat' }, true],
    ['the Functions emulator without a Database emulator', { FUNCTIONS_EMULATOR: 'true', K_SERVICE: 'openDirectChat' }, false],
    ['the Functions emulator with a Database emulator', { FUNCTIONS_EMULATOR: 'true', FIREBASE_DATABASE_EMULATOR_HOST: '127.0.0.1:9000' }, true],
    ['a test process with a Database emulator', { FIREBASE_DATABASE_EMULATOR_HOST: '127.0.0.1:9000' }, true],
    ['a test process without one', {}, false],
  ])('uses the real database only where one exists: %s', (_label, env, expected) => {
    expect(rtdbAvailable(env)).toBe(expected);
  });

  it.each([
    [
      "the Functions emulator for a demo project (its config names the rule-less namespace '<project>')",
      { emulatorHost: '127.0.0.1:9000', configured: 'http://127.0.0.1:9000/?ns=demo-natter', projectId: 'demo-natter' },
      'https://demo-natter-default-rtdb.firebaseio.com',
    ],
    ['a test process with the emulator', { emulatorHost: '127.0.0.1:9000', projectId: 'demo-natter' }, 'https://demo-natter-default-rtdb.firebaseio.com'],
    ['deployed, with the configured database', { configured: 'https://natter-prod.firebaseio.com', projectId: 'natter-prod' }, 'https://natter-prod.firebaseio.com'],
    ['deployed, nothing configured', { projectId: 'natter-prod' }, 'https://natter-prod-default-rtdb.firebaseio.com'],
    ['no project at all', {}, undefined],
  ])('names one database for %s', (_label, setting, expected) => {
    expect(chooseDatabaseUrl(setting)).toBe(expected);
  });
});
