/**
 * Who hears what about one chat's push window, and on which devices: the window's messages (not
 * system, not rejected), the members neither muting nor viewing the chat, each one's notice
 * (`noticeFor`: others' messages minus blocked senders) and the devices it goes to. Reads only:
 * the chat, the window's messages, the senders' names, the members muting the chat (a query), one
 * device query per member someone wrote to, and block lookups only for members with a device.
 */
import { Timestamp, type DocumentReference, type DocumentSnapshot, type Firestore } from 'firebase-admin/firestore';
import { chatSchema, deviceInputSchema, messageSchema, orderTimeMs, paths } from '@natter/model';
import { logs } from '../lib/logs.ts';
import { chunk, noticeFor, planRecipients, uniqueTargets, type Notice, type PushTarget, type WindowMessage } from './planPush.ts';
import type { PresenceReader } from './presence.ts';
import { pushWindow, windowRange, type PushTask } from './queue.ts';

/** A device token and the notice it gets. */
export interface NoticeTarget extends PushTarget {
  notice: Notice;
}

export type Audience =
  | { kind: 'skip'; reason: string }
  | { kind: 'ready'; window: number; newestMessageId: string; messages: number; recipients: number; targets: NoticeTarget[]; reads: number };

/** Firestore bills a query at least one read, and a read per document returned (or asked for by id). */
class ReadCounter {
  total = 0;
  query(size: number): void {
    this.total += Math.max(1, size);
  }
  documents(count: number): void {
    this.total += count;
  }
}

export interface AudienceDeps {
  presence: PresenceReader | null;
  now(): number;
  log: { function: string; eventId: string; chatId: string };
}

/** More messages than this in one window are folded by count of the first this many. */
const WINDOW_MESSAGE_LIMIT = 500;
/** Parallel reads at a time when loading per-recipient device lists. */
const READ_CONCURRENCY = 25;

export async function loadAudience(firestore: Firestore, task: PushTask, deps: AudienceDeps): Promise<Audience> {
  const reads = new ReadCounter();
  const window = await taskWindow(firestore, task, reads);
  if (window === null) return { kind: 'skip', reason: 'message does not exist' };
  const [chatSnap, messages] = await Promise.all([firestore.doc(paths.chat(task.chatId)).get(), windowMessages(firestore, task.chatId, window, reads)]);
  reads.documents(1);
  const chat = chatSchema.safeParse(chatSnap.data());
  if (!chat.success) return { kind: 'skip', reason: 'chat is missing or invalid' };
  const newest = messages.at(-1);
  if (!newest) return { kind: 'skip', reason: 'no message to push in the window' };

  const senders = [...new Set(messages.map((m) => m.senderId))];
  const nowMs = deps.now();
  const mutedUntilMs = await mutes(firestore, task.chatId, nowMs, reads);
  // Devices only of members not muting the chat whom someone else wrote to in this window.
  const reachable = [...new Set(chat.data.memberIds)].filter(
    (uid) => !((mutedUntilMs.get(uid) ?? 0) > nowMs) && messages.some((m) => m.senderId !== uid),
  );
  const [senderNames, devices] = await Promise.all([displayNames(firestore, senders, reads), loadDevices(firestore, reachable, reads)]);
  const withDevices = [...new Set(devices.map((device) => device.uid))];
  const viewing = await viewingNow(task.chatId, withDevices, deps);
  const { recipients } = planRecipients({ memberIds: withDevices, mutedUntilMs, viewing, nowMs });
  const blocks = await blockedSenders(firestore, recipients, senders, reads);
  const notices = new Map<string, Notice>();
  for (const uid of recipients) {
    const notice = noticeFor(uid, { chat: chat.data, messages, senderNames }, blocks.get(uid) ?? new Set());
    if (notice) notices.set(uid, notice);
  }
  const targets = uniqueTargets(devices.filter((device) => notices.has(device.uid)))
    .map((target) => ({ ...target, notice: notices.get(target.devices[0]?.uid ?? '') as Notice }));
  return { kind: 'ready', window, newestMessageId: newest.id, messages: messages.length, recipients: notices.size, targets, reads: reads.total };
}

/** The window a task names; a task of the previous release names a message instead. */
async function taskWindow(firestore: Firestore, task: PushTask, reads: ReadCounter): Promise<number | null> {
  if ('window' in task) return task.window;
  reads.documents(1);
  const createdAt: unknown = (await firestore.doc(paths.message(task.chatId, task.messageId)).get()).get('createdAt');
  return createdAt instanceof Timestamp ? pushWindow(orderTimeMs(createdAt)) : null;
}

async function windowMessages(firestore: Firestore, chatId: string, window: number, reads: ReadCounter): Promise<WindowMessage[]> {
  const { startMs, endMs } = windowRange(window);
  const snap = await firestore
    .collection(paths.messages(chatId))
    .where('createdAt', '>=', Timestamp.fromMillis(startMs))
    .where('createdAt', '<', Timestamp.fromMillis(endMs))
    .orderBy('createdAt')
    .limit(WINDOW_MESSAGE_LIMIT)
    .get();
  reads.query(snap.size);
  const out: WindowMessage[] = [];
  for (const doc of snap.docs) {
    const parsed = messageSchema.safeParse(doc.data());
    // System notices are not pushed; a rejected message was never shown.
    if (!parsed.success || parsed.data.type === 'system' || parsed.data.rejected) continue;
    out.push({ id: doc.id, senderId: parsed.data.senderId, message: parsed.data });
  }
  return out;
}

async function displayNames(firestore: Firestore, uids: string[], reads: ReadCounter): Promise<Map<string, string>> {
  reads.documents(uids.length);
  const snaps = await getAllChunked(firestore, uids.map((uid) => firestore.doc(paths.user(uid))), ['displayName']);
  const names = new Map<string, string>();
  for (const snap of snaps) {
    const name: unknown = snap.get('displayName');
    if (typeof name === 'string' && name) names.set(snap.id, name);
  }
  return names;
}

/** `mutedUntil` of the members muting the chat now: a query, so it reads only those (and one read when none). */
async function mutes(firestore: Firestore, chatId: string, nowMs: number, reads: ReadCounter): Promise<Map<string, number | null>> {
  const snap = await firestore.collection(paths.members(chatId)).where('mutedUntil', '>', Timestamp.fromMillis(nowMs)).select('mutedUntil').get();
  reads.query(snap.size);
  return new Map(snap.docs.map((doc) => [doc.id, (doc.get('mutedUntil') as Timestamp).toMillis()]));
}

/**
 * Which of `uids` are looking at the chat now, from the Realtime Database (no Firestore reads).
 * Unreadable presence means nobody: a push too many beats a missed one.
 */
async function viewingNow(chatId: string, uids: string[], deps: AudienceDeps): Promise<Set<string>> {
  if (!deps.presence || uids.length === 0) return new Set();
  return deps.presence.viewing(chatId, uids).catch((error: unknown) => {
    logs.presenceUnavailable({ ...deps.log, reason: error instanceof Error ? error.message : String(error) });
    return new Set<string>();
  });
}

/** For each candidate, which of the window's senders they blocked (`users/{uid}/blocked/{sender}` exists). */
async function blockedSenders(firestore: Firestore, candidates: string[], senders: string[], reads: ReadCounter): Promise<Map<string, Set<string>>> {
  const refs = candidates.flatMap((uid) => senders.filter((sender) => sender !== uid).map((sender) => firestore.doc(paths.block(uid, sender))));
  reads.documents(refs.length);
  const out = new Map<string, Set<string>>();
  for (const snap of await getAllChunked(firestore, refs)) {
    const uid = snap.ref.parent.parent?.id;
    if (!snap.exists || !uid) continue;
    const set = out.get(uid) ?? new Set<string>();
    set.add(snap.id);
    out.set(uid, set);
  }
  return out;
}

async function getAllChunked(firestore: Firestore, refs: DocumentReference[], fieldMask?: string[]): Promise<DocumentSnapshot[]> {
  const out: DocumentSnapshot[] = [];
  for (const part of chunk(refs, 300)) {
    if (part.length === 0) continue;
    out.push(...(await (fieldMask ? firestore.getAll(...part, { fieldMask }) : firestore.getAll(...part))));
  }
  return out;
}

async function loadDevices(firestore: Firestore, uids: string[], reads: ReadCounter): Promise<{ uid: string; deviceId: string; token: string }[]> {
  const devices: { uid: string; deviceId: string; token: string }[] = [];
  for (const group of chunk(uids, READ_CONCURRENCY)) {
    const snaps = await Promise.all(group.map((uid) => firestore.collection(paths.devices(uid)).get()));
    snaps.forEach((snap, i) => {
      reads.query(snap.size);
      for (const doc of snap.docs) {
        const device = deviceInputSchema.safeParse({ token: doc.get('token') as unknown, platform: doc.get('platform') as unknown });
        if (device.success) devices.push({ uid: group[i] ?? '', deviceId: doc.id, token: device.data.token });
      }
    });
  }
  return devices;
}
