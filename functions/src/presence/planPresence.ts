/**
 * Pure planning for the presence mirror: what `users/{uid}` shows (`online`, `lastSeenAt`) after a
 * `/status/{uid}` event or a change of the last-seen privacy setting. No Firebase imports.
 */
import { DEFAULT_ACCOUNT_SETTINGS, accountSettingsSchema, presenceMarkSchema, statusSchema, type PresenceMark, type Status } from '@natter/model';

export type PresencePlan =
  | { kind: 'ignore'; reason: string }
  /** Older than (or the same as) the event already applied: delivered late or twice. */
  | { kind: 'stale'; watermark: number }
  | { kind: 'apply'; online: boolean; lastSeenAtMs: number | null; mark: Pick<PresenceMark, 'state' | 'lastChanged'> };

export interface PresenceInput {
  /** The new value of `/status/{uid}` (null when it was removed). */
  status: unknown;
  profile: unknown;
  mark: unknown;
  account: unknown;
}

export function planPresence({ status, profile, mark, account }: PresenceInput): PresencePlan {
  if (status === null || status === undefined) return { kind: 'ignore', reason: 'status removed' };
  const parsed = statusSchema.safeParse(status);
  if (!parsed.success) return { kind: 'ignore', reason: 'status does not match the model' };
  if (!isLiveProfile(profile)) return { kind: 'ignore', reason: 'no live profile' };
  const watermark = presenceMarkSchema.safeParse(mark);
  if (watermark.success && parsed.data.lastChanged <= watermark.data.lastChanged) {
    return { kind: 'stale', watermark: watermark.data.lastChanged };
  }
  const next: Status = parsed.data;
  return {
    kind: 'apply',
    online: next.state === 'online',
    lastSeenAtMs: lastSeenShown(account) ? next.lastChanged : null,
    mark: { state: next.state, lastChanged: next.lastChanged },
  };
}

/**
 * After the owner changed the last-seen setting: the `lastSeenAt` the profile should show now, or
 * undefined when it already shows the right thing. `nobody` hides it; `everyone` shows the last
 * applied status time again.
 */
export function planLastSeenVisibility({ profile, mark, account }: Omit<PresenceInput, 'status'>): { lastSeenAtMs: number | null } | undefined {
  if (!isLiveProfile(profile)) return undefined;
  const current = (profile as Record<string, unknown>).lastSeenAt;
  const currentMs = typeof current === 'object' && current !== null && 'toMillis' in current ? (current as { toMillis(): number }).toMillis() : null;
  if (!lastSeenShown(account)) return currentMs === null ? undefined : { lastSeenAtMs: null };
  const watermark = presenceMarkSchema.safeParse(mark);
  if (!watermark.success || currentMs === watermark.data.lastChanged) return undefined;
  return { lastSeenAtMs: watermark.data.lastChanged };
}

export function lastSeenShown(account: unknown): boolean {
  const settings = accountSettingsSchema.safeParse((account as { settings?: unknown } | null | undefined)?.settings);
  return (settings.success ? settings.data : DEFAULT_ACCOUNT_SETTINGS).lastSeen === 'everyone';
}

function isLiveProfile(profile: unknown): boolean {
  return typeof profile === 'object' && profile !== null && (profile as Record<string, unknown>).deleted !== true;
}
