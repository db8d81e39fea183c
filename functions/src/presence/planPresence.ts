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
  // `online` follows the same choice as last seen (WhatsApp's "same as last seen"): watching the
  // flag flip to false would otherwise tell anyone when a user who chose `nobody` was last there.
  const shown = lastSeenShown(account);
  return {
    kind: 'apply',
    online: shown && next.state === 'online',
    lastSeenAtMs: shown ? next.lastChanged : null,
    mark: { state: next.state, lastChanged: next.lastChanged },
  };
}

/**
 * After the owner changed the last-seen setting: the `online` and `lastSeenAt` the profile should
 * show now, or undefined when it already shows them. `nobody` hides both (offline, no time);
 * `everyone` shows the last applied status again.
 */
export function planLastSeenVisibility({ profile, mark, account }: Omit<PresenceInput, 'status'>): { online: boolean; lastSeenAtMs: number | null } | undefined {
  if (!isLiveProfile(profile)) return undefined;
  const current = profile as Record<string, unknown>;
  const currentMs = typeof current.lastSeenAt === 'object' && current.lastSeenAt !== null && 'toMillis' in current.lastSeenAt ? (current.lastSeenAt as { toMillis(): number }).toMillis() : null;
  const currentOnline = current.online === true;
  if (!lastSeenShown(account)) return currentMs === null && !currentOnline ? undefined : { online: false, lastSeenAtMs: null };
  const watermark = presenceMarkSchema.safeParse(mark);
  if (!watermark.success) return undefined;
  const next = { online: watermark.data.state === 'online', lastSeenAtMs: watermark.data.lastChanged };
  return currentMs === next.lastSeenAtMs && currentOnline === next.online ? undefined : next;
}

export function lastSeenShown(account: unknown): boolean {
  const settings = accountSettingsSchema.safeParse((account as { settings?: unknown } | null | undefined)?.settings);
  return (settings.success ? settings.data : DEFAULT_ACCOUNT_SETTINGS).lastSeen === 'everyone';
}

function isLiveProfile(profile: unknown): boolean {
  return typeof profile === 'object' && profile !== null && (profile as Record<string, unknown>).deleted !== true;
}
