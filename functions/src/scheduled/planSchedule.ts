/**
 * Pure rules for scheduled messages: when `sendAt` is acceptable, and whether the sender may still
 * post when the time comes. No Firebase imports, so it is unit-tested alone.
 */
import { MAX_SCHEDULE_AHEAD_MS, type Chat } from '@natter/model';

export type SendAtCheck = { ok: true; sendAtMs: number } | { ok: false; message: string };

export function checkSendAt(sendAtIso: string, nowMs: number): SendAtCheck {
  const sendAtMs = Date.parse(sendAtIso);
  if (!Number.isFinite(sendAtMs)) return { ok: false, message: "Field 'sendAt': must be an ISO date-time" };
  if (sendAtMs <= nowMs) return { ok: false, message: "Field 'sendAt': must be in the future" };
  if (sendAtMs - nowMs > MAX_SCHEDULE_AHEAD_MS) return { ok: false, message: "Field 'sendAt': must be at most 30 days ahead" };
  return { ok: true, sendAtMs };
}

export interface PostabilityInput {
  chat: Pick<Chat, 'type' | 'memberIds' | 'adminIds' | 'settings'> | null;
  senderId: string;
  /** The sender has an active ban. */
  banned: boolean;
  /** In a direct chat: the other member blocked the sender. */
  blockedByOther: boolean;
}

export type PostabilityProblem = { code: 'permission-denied' | 'failed-precondition'; reason: string };

/** The same rules a client's own send meets (membership, admins-only, bans, blocks), or null if fine. */
export function checkPostable({ chat, senderId, banned, blockedByOther }: PostabilityInput): PostabilityProblem | null {
  if (!chat || !chat.memberIds.includes(senderId)) return { code: 'permission-denied', reason: 'You are not a member of this chat.' };
  if (banned) return { code: 'permission-denied', reason: 'Your account is suspended.' };
  if (chat.settings.onlyAdminsCanSend && !chat.adminIds.includes(senderId)) {
    return { code: 'failed-precondition', reason: 'Only admins can send messages in this chat.' };
  }
  if (chat.type === 'direct' && blockedByOther) return { code: 'failed-precondition', reason: 'You cannot message this contact.' };
  return null;
}

export function isBanActive(ban: { until?: { toMillis(): number } | null } | undefined, nowMs: number): boolean {
  if (!ban) return false;
  return ban.until == null || ban.until.toMillis() > nowMs;
}
