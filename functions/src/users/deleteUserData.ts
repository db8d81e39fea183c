/**
 * Removes or anonymises everything a deleted user owns; the one service both the Auth `onDelete`
 * trigger and the admin API call. Every step is idempotent, so retries and a second caller are safe.
 *
 * Left behind on purpose, as tombstones: `users/{uid}` reduced to "Deleted account", their text
 * messages (others' history; they now read as from "Deleted account"), the "left" system notices.
 * Gone: the private account, devices, blocks, read states, their poll votes, every membership (and RTDB mirror,
 * presence, typing), media they sent (files and message fields), avatars, scheduled messages,
 * their pending sign-in code and limiter records, and blocks held against them by anyone they
 * shared a chat with (blocks by strangers stay: an opaque uid that no longer resolves to anyone).
 */
import { FieldPath, FieldValue, type DocumentReference, type Firestore, type Query } from 'firebase-admin/firestore';
import { COLLECTIONS, paths, rtdbPaths, storagePaths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { logs } from '../lib/logs.ts';
import { tokenKey } from '../notifications/pushJob.ts';
import { defaultPushSender } from '../notifications/pushSender.ts';
import { storageBucketIfAvailable } from '../lib/optionalServices.ts';
import { realtimeDatabase } from '../lib/realtimeDatabase.ts';
import { rateLimitRef } from '../ratelimit/limiter.ts';
import { buckets, keyForEmail } from '../auth/shared.ts';
import { leaveChatOnDeletion } from './leaveChatOnDeletion.ts';
import { tombstoneProfile } from './profile.ts';


const PAGE = 300;

type Bucket = NonNullable<Awaited<ReturnType<typeof storageBucketIfAvailable>>>;

export interface DeletionReport {
  chats: number;
  mediaMessages: number;
  docs: number;
  rtdb: boolean;
  storage: boolean;
}

/** Firestore's cap on the values of one `in` filter. */
const IN_QUERY_LIMIT = 30;

export async function deleteUserData(uid: string, options: { email?: string | null } = {}): Promise<DeletionReport> {
  const started = Date.now();
  const firestore = db();
  const bucket = await storageBucketIfAvailable();
  const chats = (await firestore.collection(COLLECTIONS.chats).where('memberIds', 'array-contains', uid).select('memberIds', 'type').get()).docs;
  const chatIds = chats.map((d) => d.id);
  const coMembers = new Set(chats.flatMap((d) => (d.get('memberIds') as string[] | undefined) ?? []).filter((id) => id !== uid));

  // Media and votes first, in every chat, before leaving any: a retry still finds the chats it must clean.
  let mediaMessages = 0;
  let docs = 0;
  for (const chatId of chatIds) mediaMessages += await clearMediaMessages(firestore, chatId, uid, bucket);
  for (const chatId of chatIds) docs += await deleteVotes(firestore, chatId, uid);
  for (const chatId of chatIds) {
    if ((await leaveChatOnDeletion(chatId, uid)) === 'emptied') {
      await firestore.recursiveDelete(firestore.doc(paths.chat(chatId)));
      if (bucket) await bucket.deleteFiles({ prefix: storagePaths.chatMediaPrefix(chatId) });
    }
  }

  const previous = await firestore.doc(paths.user(uid)).get();
  // Before the devices go: whatever the push sender keeps about their tokens (the local recorder).
  const tokens = await deviceTokens(firestore, uid);
  docs += await defaultPushSender().forget(tokens);
  // Push jobs keep a hash of each token they pushed; the user's come out (the jobs stay: they name no one else's).
  await forgetTokenKeys(firestore, tokens);
  docs += await deleteTree(firestore, paths.user(uid));
  docs += await deleteExisting(firestore, [...coMembers].map((other) => firestore.doc(paths.block(other, uid))));
  docs += await deleteQuery(firestore.collection(COLLECTIONS.scheduledMessages).where('senderId', '==', uid));
  // Per-device push markers of the release before push windows name the devices' owners (kept here
  // until their 30-day TTL has run out everywhere). A direct chat's push jobs name the chat by its
  // id, which embeds both uids.
  docs += await deleteQuery(firestore.collectionGroup(COLLECTIONS.deliveries).where('uids', 'array-contains', uid));
  const directChatIds = chats.filter((d) => d.get('type') === 'direct').map((d) => d.id);
  for (let i = 0; i < directChatIds.length; i += IN_QUERY_LIMIT) {
    const jobs = await firestore.collection(COLLECTIONS.jobs).where('chatId', 'in', directChatIds.slice(i, i + IN_QUERY_LIMIT)).select().get();
    for (const job of jobs.docs) docs += await deleteTree(firestore, job.ref.path);
  }
  if (options.email) {
    const key = keyForEmail(options.email.trim().toLowerCase());
    await Promise.all([
      firestore.doc(paths.authCode(key)).delete(),
      rateLimitRef(buckets.email(key).key, firestore).delete(),
      rateLimitRef(buckets.codeFailuresKey(key), firestore).delete(),
    ]);
  }
  await rateLimitRef(buckets.account(uid).key, firestore).delete();

  const rtdb = await realtimeDatabase();
  if (rtdb) {
    const removals: Record<string, null> = { [rtdbPaths.status(uid)]: null, [rtdbPaths.viewing(uid)]: null };
    for (const chatId of chatIds) {
      removals[rtdbPaths.typing(chatId, uid)] = null;
      removals[rtdbPaths.chatMember(chatId, uid)] = null;
    }
    await rtdb.ref().update(removals);
  }
  if (bucket) await bucket.deleteFiles({ prefix: `${COLLECTIONS.users}/${uid}/` });

  await firestore.doc(paths.user(uid)).set(tombstoneProfile(uid, previous.get('createdAt') ?? FieldValue.serverTimestamp()));

  const report = { chats: chatIds.length, mediaMessages, docs, rtdb: rtdb !== null, storage: bucket !== null };
  logs.userDataDeleted({ uid, ...report, durationMs: Date.now() - started });
  return report;
}

/** Deletes the files of the user's media messages in a chat, then clears those messages' media. */
async function clearMediaMessages(firestore: Firestore, chatId: string, uid: string, bucket: Bucket | null): Promise<number> {
  let cleared = 0;
  let query = firestore.collection(paths.messages(chatId)).where('senderId', '==', uid).orderBy(FieldPath.documentId()).limit(PAGE);
  for (;;) {
    const page = await query.get();
    const withMedia = page.docs.filter((d) => {
      const media: unknown = d.get('media');
      return typeof media === 'object' && media !== null;
    });
    if (bucket) {
      await Promise.all(
        withMedia.flatMap((d) => {
          const path: unknown = d.get('media.path');
          return typeof path === 'string' ? [bucket.file(path).delete({ ignoreNotFound: true })] : [];
        }),
      );
    }
    if (withMedia.length > 0) {
      const batch = firestore.batch();
      for (const d of withMedia) batch.update(d.ref, { media: null, text: '', deletedForEveryone: true });
      await batch.commit();
      cleared += withMedia.length;
    }
    const last = page.docs.at(-1);
    if (page.size < PAGE || !last) return cleared;
    query = query.startAfter(last);
  }
}

async function deviceTokens(firestore: Firestore, uid: string): Promise<string[]> {
  const devices = await firestore.collection(paths.devices(uid)).select('token').get();
  return devices.docs.map((d) => d.get('token') as unknown).filter((token): token is string => typeof token === 'string');
}

async function deleteTree(firestore: Firestore, path: string): Promise<number> {
  let count = 0;
  const writer = firestore.bulkWriter();
  writer.onWriteResult(() => {
    count += 1;
  });
  await firestore.recursiveDelete(firestore.doc(path), writer);
  return count;
}

async function deleteExisting(firestore: Firestore, refs: DocumentReference[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < refs.length; i += PAGE) {
    const snaps = await firestore.getAll(...refs.slice(i, i + PAGE));
    const existing = snaps.filter((s) => s.exists);
    if (existing.length === 0) continue;
    const batch = firestore.batch();
    for (const snap of existing) batch.delete(snap.ref);
    await batch.commit();
    deleted += existing.length;
  }
  return deleted;
}

async function deleteQuery(query: Query): Promise<number> {
  const snap = await query.get();
  const writer = db().bulkWriter();
  const deletions = snap.docs.map((doc) => writer.delete(doc.ref));
  await writer.close();
  await Promise.all(deletions);
  return snap.size;
}

async function forgetTokenKeys(firestore: Firestore, tokens: readonly string[]): Promise<void> {
  for (const key of tokens.map(tokenKey)) {
    const jobs = await firestore.collection(COLLECTIONS.jobs).where('doneKeys', 'array-contains', key).select().get();
    await Promise.all(jobs.docs.map((job) => job.ref.update({ doneKeys: FieldValue.arrayRemove(key) })));
  }
}

/** The user's vote in every poll of a chat (one document per poll, under their uid). */
async function deleteVotes(firestore: Firestore, chatId: string, uid: string): Promise<number> {
  const polls = await firestore.collection(paths.messages(chatId)).where('type', '==', 'poll').select().get();
  return deleteExisting(firestore, polls.docs.map((poll) => firestore.doc(paths.pollVote(chatId, poll.id, uid))));
}
