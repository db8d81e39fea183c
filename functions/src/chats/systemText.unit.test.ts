import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '@natter/model';
import { listNames, namesNeeded, systemText, type SystemNote } from './systemText.ts';

const names: Record<string, string> = { ana: 'Ana', ben: 'Ben', cai: 'Cai', dev: 'Dev', eve: 'Eve' };
const nameOf = (uid: string) => names[uid] ?? 'Someone';

describe('listNames', () => {
  it.each([
    [[], 0, ''],
    [['Ben'], 1, 'Ben'],
    [['Ben', 'Cai'], 2, 'Ben and Cai'],
    [['Ben', 'Cai', 'Dev'], 3, 'Ben, Cai and Dev'],
    [['Ben', 'Cai', 'Dev'], 4, 'Ben, Cai, Dev and 1 other'],
    [['Ben', 'Cai', 'Dev'], 1023, 'Ben, Cai, Dev and 1020 others'],
  ])('%j of %i reads "%s"', (list, total, expected) => {
    expect(listNames(list, total)).toBe(expected);
  });
});

describe('systemText', () => {
  it.each([
    [{ event: 'added', actorId: 'ana', targetIds: ['ben'] }, 'Ana added Ben'],
    [{ event: 'added', actorId: 'ana', targetIds: ['ben', 'cai', 'dev', 'eve'] }, 'Ana added Ben, Cai, Dev and 1 other'],
    [{ event: 'created', actorId: 'ana', targetIds: ['ben'], detail: 'Trip' }, 'Ana created group "Trip"'],
    [{ event: 'removed', actorId: 'ana', targetIds: ['ben'] }, 'Ana removed Ben'],
    [{ event: 'left', actorId: 'ben', targetIds: [] }, 'Ben left'],
    [{ event: 'joined', actorId: 'eve', targetIds: [] }, "Eve joined using this group's invite link"],
    [{ event: 'promoted', actorId: 'ana', targetIds: ['ben'] }, 'Ana made Ben an admin'],
    [{ event: 'demoted', actorId: 'ana', targetIds: ['ben'] }, 'Ana dismissed Ben as admin'],
    [{ event: 'auto_promoted', actorId: 'ana', targetIds: ['cai'] }, 'Cai is now an admin'],
    [{ event: 'renamed', actorId: 'ana', targetIds: [], detail: 'Hike' }, 'Ana changed the group name to "Hike"'],
    [{ event: 'photo_changed', actorId: 'ana', targetIds: [], detail: 'removed' }, 'Ana removed the group photo'],
    [{ event: 'added', actorId: 'zed', targetIds: ['ben'] }, 'Someone added Ben'],
  ] as [SystemNote, string][])('%j reads "%s"', (note, expected) => {
    expect(systemText(note, nameOf)).toBe(expected);
  });

  it('never exceeds the message text limit', () => {
    const long = systemText({ event: 'renamed', actorId: 'ana', targetIds: [], detail: 'x'.repeat(MAX_TEXT_LENGTH * 2) }, nameOf);
    expect(long.length).toBe(MAX_TEXT_LENGTH);
  });

  it('needs the names of the actor and the first three targets only, even for 1,023 targets', () => {
    const targets = Array.from({ length: 1023 }, (_, i) => `u${i}`);
    expect(namesNeeded({ event: 'added', actorId: 'ana', targetIds: targets })).toEqual(['ana', 'u0', 'u1', 'u2']);
  });
});
