import { describe, expect, it } from 'vitest';
import { planLastSeenVisibility, planPresence } from './planPresence.ts';

const ts = (ms: number) => ({ toMillis: () => ms });
const profile = { uid: 'u', displayName: 'U', online: false, lastSeenAt: null };
const everyone = { settings: { readReceipts: true, lastSeen: 'everyone' } };
const nobody = { settings: { readReceipts: true, lastSeen: 'nobody' } };
const mark = (lastChanged: number, state = 'online') => ({ state, lastChanged, updatedAt: ts(lastChanged) });

describe('planPresence', () => {
  it('mirrors going online and offline with the status time as last seen', () => {
    expect(planPresence({ status: { state: 'online', lastChanged: 100 }, profile, mark: undefined, account: everyone })).toEqual({
      kind: 'apply',
      online: true,
      lastSeenAtMs: 100,
      mark: { state: 'online', lastChanged: 100 },
    });
    expect(planPresence({ status: { state: 'offline', lastChanged: 200 }, profile, mark: mark(100), account: everyone })).toMatchObject({
      kind: 'apply',
      online: false,
      lastSeenAtMs: 200,
    });
  });

  it('drops events at or before the watermark (late or repeated deliveries)', () => {
    expect(planPresence({ status: { state: 'online', lastChanged: 100 }, profile, mark: mark(200, 'offline'), account: everyone })).toEqual({
      kind: 'stale',
      watermark: 200,
    });
    expect(planPresence({ status: { state: 'offline', lastChanged: 200 }, profile, mark: mark(200, 'offline'), account: everyone }).kind).toBe('stale');
  });

  it('hides last seen for users who chose nobody, and uses defaults without an account', () => {
    expect(planPresence({ status: { state: 'offline', lastChanged: 300 }, profile, mark: undefined, account: nobody })).toMatchObject({
      online: false,
      lastSeenAtMs: null,
    });
    expect(planPresence({ status: { state: 'offline', lastChanged: 300 }, profile, mark: undefined, account: undefined })).toMatchObject({
      lastSeenAtMs: 300,
    });
  });

  it('never shows online for users who chose nobody: the flag flipping would reveal last seen', () => {
    expect(planPresence({ status: { state: 'online', lastChanged: 300 }, profile, mark: undefined, account: nobody })).toMatchObject({
      kind: 'apply',
      online: false,
      lastSeenAtMs: null,
      mark: { state: 'online', lastChanged: 300 },
    });
    // Control: the same event for someone who shows last seen.
    expect(planPresence({ status: { state: 'online', lastChanged: 300 }, profile, mark: undefined, account: everyone })).toMatchObject({ online: true });
  });

  it.each([
    ['a removed status', null, profile, 'status removed'],
    ['a malformed status', { state: 'away', lastChanged: 1 }, profile, 'status does not match the model'],
    ['a user without a profile', { state: 'online', lastChanged: 1 }, undefined, 'no live profile'],
    ['a deleted account', { state: 'online', lastChanged: 1 }, { ...profile, deleted: true }, 'no live profile'],
  ])('ignores %s', (_label, status, who, reason) => {
    expect(planPresence({ status, profile: who, mark: undefined, account: everyone })).toEqual({ kind: 'ignore', reason });
  });
});

describe('planLastSeenVisibility', () => {
  it('clears last seen and online when the owner switches to nobody, and does nothing if already clear', () => {
    expect(planLastSeenVisibility({ profile: { ...profile, lastSeenAt: ts(500) }, mark: mark(500, 'offline'), account: nobody })).toEqual({ online: false, lastSeenAtMs: null });
    expect(planLastSeenVisibility({ profile: { ...profile, online: true, lastSeenAt: ts(500) }, mark: mark(500), account: nobody })).toEqual({ online: false, lastSeenAtMs: null });
    expect(planLastSeenVisibility({ profile, mark: mark(500), account: nobody })).toBeUndefined();
  });

  it('shows the last applied status again when the owner switches back to everyone', () => {
    expect(planLastSeenVisibility({ profile, mark: mark(500), account: everyone })).toEqual({ online: true, lastSeenAtMs: 500 });
    expect(planLastSeenVisibility({ profile, mark: mark(500, 'offline'), account: everyone })).toEqual({ online: false, lastSeenAtMs: 500 });
    expect(planLastSeenVisibility({ profile: { ...profile, online: true, lastSeenAt: ts(500) }, mark: mark(500), account: everyone })).toBeUndefined();
    expect(planLastSeenVisibility({ profile, mark: undefined, account: everyone })).toBeUndefined();
  });
});
