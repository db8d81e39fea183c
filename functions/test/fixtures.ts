/**
 * Seeding and probing helpers for the background-work emulator tests. Ids carry a random run
 * suffix: the Tasks emulator remembers every task id it ever saw, and data from one test must
 * never be mistaken for another's.
 */
import { randomBytes } from 'node:crypto';
import { Timestamp } from 'firebase-admin/firestore';
import { getFunctions } from 'firebase-admin/functions';
import {
  COLLECTIONS,
  DEFAULT_CHAT_SETTINGS,
  paths,
  pushOutboxEntrySchema,
  type Chat,
  type ChatSettings,
  type Member,
  type PushOutboxEntry,
  type UserProfile,
} from '@natter/model';
import { adminDb, eventually } from '../../tests/support/admin.ts';
import { PROJECT_ID, REGION, emulatorPort } from '../../tests/support/env.ts';
import { db } from '../src/lib/admin.ts';

// Handlers run in this process share the tests' Admin app; the functions' Firestore settings can
// only be applied before the instance is first used, so apply them now.
db();

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

export async function seedUser(uid: string, over: Partial<UserProfile> = {}): Promise<void> {
  const name = uid.split('-')[0] ?? uid;
  const displayName = name.charAt(0).toUpperCase() + name.slice(1);
  const profile: UserProfile = {
    uid,
    displayName,
    displayNameLower: displayName.toLowerCase(),
    photoURL: null,
    about: '',
    createdAt: Timestamp.now(),
    online: false,
    lastSeenAt: null,
    ...over,
  };
  await adminDb.doc(paths.user(uid)).set(profile);
}

export async function seedChat(
  chatId: string,
  memberIds: string[],
  options: { type?: Chat['type']; name?: string | null; settings?: Partial<ChatSettings>; mutedUntil?: Record<string, Timestamp>; adminIds?: string[] } = {},
): Promise<void> {
  const type = options.type ?? 'group';
  const chat: Chat = {
    type,
    memberIds,
    adminIds: options.adminIds ?? (type === 'group' ? [memberIds[0] ?? ''] : []),
    name: type === 'group' ? (options.name ?? 'Weekend plans') : null,
    description: '',
    photoURL: null,
    createdBy: memberIds[0] ?? '',
    createdAt: Timestamp.now(),
    lastMessage: null,
    lastMessageAt: null,
    seq: 0,
    settings: { ...DEFAULT_CHAT_SETTINGS, ...options.settings },
  };
  // A bulk writer, not one batch: a full group has more members than a batch takes writes.
  const writer = adminDb.bulkWriter();
  void writer.set(adminDb.doc(paths.chat(chatId)), chat);
  for (const uid of memberIds) {
    const member: Member = {
      uid,
      role: chat.adminIds.includes(uid) ? 'admin' : 'member',
      joinedAt: chat.createdAt,
      addedBy: null,
      readSeq: 0,
      deliveredSeq: 0,
      mutedUntil: options.mutedUntil?.[uid] ?? null,
      archived: false,
      pinned: false,
    };
    void writer.set(adminDb.doc(paths.member(chatId, uid)), member);
  }
  await writer.close();
}

export async function seedDevice(uid: string, deviceId: string, token: string): Promise<void> {
  await adminDb.doc(paths.device(uid, deviceId)).set({ token, platform: 'android', updatedAt: Timestamp.now() });
}

/** The recorded push requests that name `messageId` (the newest message a notice covers), in one chat if given. */
export async function pushesFor(messageId: string, chatId?: string): Promise<PushOutboxEntry[]> {
  const snap = await adminDb.collection(COLLECTIONS.pushOutbox).where('messageId', '==', messageId).get();
  return snap.docs.map((doc) => pushOutboxEntrySchema.parse(doc.data())).filter((entry) => chatId === undefined || entry.chatId === chatId);
}

/** How many times each token appears among a message's recorded push requests. */
export function countByToken(entries: PushOutboxEntry[], result?: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) {
    if (result !== undefined && entry.result !== result) continue;
    counts[entry.token] = (counts[entry.token] ?? 0) + 1;
  }
  return counts;
}

/** Enqueues a task on a worker's queue in the Tasks emulator, as the Admin SDK does in production. */
export async function enqueueOn(queue: string, data: Record<string, unknown>, id: string): Promise<void> {
  await getFunctions().taskQueue(`locations/${REGION}/functions/${queue}`).enqueue(data, { id });
}

/**
 * Waits until the Tasks emulator has dispatched every task of a queue and its completed count has
 * stopped moving for two seconds (the workers are done). The emulator only reports completions
 * over a sliding minute, so a "before and after" difference undercounts as old ones drop out.
 */
export async function queueSettled(queue: string, { atLeastCompleted }: { atLeastCompleted: number }): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  await eventually(
    async () => {
      const response = await fetch(`http://127.0.0.1:${emulatorPort('tasks')}/queueStats`);
      const stats = (await response.json()) as Record<string, { numberOfTasks?: number; completedLastMin?: number }>;
      const { numberOfTasks = 0, completedLastMin = 0 } = stats[`queue:${PROJECT_ID}-${REGION}-${queue}`] ?? {};
      if (completedLastMin !== last) {
        last = completedLastMin;
        stableSince = Date.now();
      }
      return numberOfTasks === 0 && completedLastMin >= atLeastCompleted && Date.now() - stableSince >= 2_000 ? true : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 250 },
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
