import { describe, expect, it } from 'vitest';
import { dayLabel, groupByDay, initials, lastSeenText, listTime, sameDay } from './format.ts';

const now = new Date(2026, 2, 18, 15, 30).getTime(); // Wednesday 18 March 2026, 15:30 local
const at = (day: number, hour = 12, minute = 0) => new Date(2026, 2, day, hour, minute).getTime();

describe('day labels', () => {
  it.each([
    ['earlier today', at(18, 0, 5), 'Today'],
    ['yesterday just before midnight', at(17, 23, 59), 'Yesterday'],
    ['two days ago', at(16), new Date(at(16)).toLocaleDateString(undefined, { weekday: 'long' })],
    ['eight days ago', at(10), new Date(at(10)).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' })],
  ])('%s', (_name, ms, expected) => {
    expect(dayLabel(ms, now)).toBe(expected);
  });

  it('shows a time for today and "Yesterday" in the chat list', () => {
    expect(listTime(at(18, 9, 5), now)).toMatch(/09|9/);
    expect(listTime(at(17, 9, 5), now)).toBe('Yesterday');
  });

  it('words last seen by day', () => {
    expect(lastSeenText(at(18, 9, 5), now)).toMatch(/^last seen today at /);
    expect(lastSeenText(at(17, 9, 5), now)).toMatch(/^last seen yesterday at /);
    expect(lastSeenText(at(1), now)).toMatch(/^last seen .*2026/);
  });
});

describe('grouping messages by day', () => {
  it('starts a new group whenever the calendar day changes, keeping order', () => {
    const items = [at(16, 10), at(16, 23, 59), at(17, 0, 1), at(18, 8), at(18, 9)];
    const groups = groupByDay(items, (ms) => ms);
    expect(groups.map((g) => g.items.length)).toEqual([2, 1, 2]);
    expect(groups.every((g) => g.items.every((ms) => sameDay(ms, g.dayMs)))).toBe(true);
  });

  it('returns no groups for no messages', () => {
    expect(groupByDay([], (ms: number) => ms)).toEqual([]);
  });
});

describe('initials', () => {
  it.each([
    ['Ana Alvarez', 'AA'],
    ['cai', 'C'],
    ['  Mary Ann  de Vries ', 'MV'],
    ['', '?'],
  ])('%s -> %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
