/** Dates and times as the chat UI shows them (pure, locale-aware, testable with a fixed "now"). */

const DAY_MS = 86_400_000;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** "14:05" */
export function timeOfDay(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** The label of a day separator: "Today", "Yesterday", a weekday within a week, else a date. */
export function dayLabel(ms: number, nowMs = Date.now()): string {
  const days = Math.round((startOfDay(nowMs) - startOfDay(ms)) / DAY_MS);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days > 1 && days < 7) return new Date(ms).toLocaleDateString(undefined, { weekday: 'long' });
  return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** The chat list's time column: a time today, "Yesterday", a weekday, or a short date. */
export function listTime(ms: number, nowMs = Date.now()): string {
  const label = dayLabel(ms, nowMs);
  if (label === 'Today') return timeOfDay(ms);
  if (label === 'Yesterday') return label;
  const days = Math.round((startOfDay(nowMs) - startOfDay(ms)) / DAY_MS);
  return days < 7 ? label : new Date(ms).toLocaleDateString(undefined, { day: '2-digit', month: '2-digit', year: '2-digit' });
}

export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}

/** "last seen today at 14:05" / "last seen yesterday at 09:12" / "last seen 3 March 2026". */
export function lastSeenText(ms: number, nowMs = Date.now()): string {
  const label = dayLabel(ms, nowMs);
  if (label === 'Today') return `last seen today at ${timeOfDay(ms)}`;
  if (label === 'Yesterday') return `last seen yesterday at ${timeOfDay(ms)}`;
  return `last seen ${label}`;
}

/** Groups items by calendar day, keeping order: [{day, items}]. */
export function groupByDay<T>(items: readonly T[], timeOf: (item: T) => number): { dayMs: number; items: T[] }[] {
  const groups: { dayMs: number; items: T[] }[] = [];
  for (const item of items) {
    const day = startOfDay(timeOf(item));
    const last = groups.at(-1);
    if (last && last.dayMs === day) last.items.push(item);
    else groups.push({ dayMs: day, items: [item] });
  }
  return groups;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}
