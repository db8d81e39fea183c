/**
 * Applies a planned chat change inside the transaction that read the chat: system messages, each
 * with the next `seq` (so the message trigger has nothing left to do), the chat summary, member
 * documents and the actor's read marker. Member documents beyond the inline budget are returned
 * to be written right after the commit, keeping every commit well under Firestore's per-commit
 * write limit even for a 1,024-member group.
 */
import { FieldValue, GrpcStatus, type DocumentData, type DocumentReference } from 'firebase-admin/firestore';
import { messagePreview, paths, type Chat, type Member } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { CountedWrites } from '../lib/countedWrites.ts';
import { UNKNOWN_NAME, displayNames } from '../lib/lookups.ts';
import { markSenderRead } from '../messaging/markers.ts';
import type { ChatChange, NewMember } from './plans.ts';
import { namesNeeded, systemText } from './systemText.ts';

/** Member documents written inside the transaction; the rest follow the commit in batches. */
export const INLINE_MEMBER_WRITES = 400;

export interface MemberWrite {
  ref: DocumentReference;
  data: DocumentData;
}

export interface WrittenChange {
  seq: number;
  deferredMembers: MemberWrite[];
}

type Change = Extract<ChatChange, { kind: 'change' }>;

export async function writeChange(
  w: CountedWrites,
  input: { chatId: string; chat: Chat; actorId: string; change: Change; create?: boolean },
): Promise<WrittenChange> {
  const { chatId, chat, actorId, change } = input;
  const firestore = db();
  const chatRef = firestore.doc(paths.chat(chatId));
  const names = await displayNames(change.notes.flatMap(namesNeeded));
  const nameOf = (uid: string) => names.get(uid) ?? UNKNOWN_NAME;
  const now = FieldValue.serverTimestamp();

  let seq = chat.seq;
  const summary: DocumentData = { ...change.patch };
  for (const note of change.notes) {
    seq += 1;
    const ref = firestore.collection(paths.messages(chatId)).doc();
    const text = systemText(note, nameOf);
    w.create(ref, {
      senderId: note.actorId,
      type: 'system',
      text,
      createdAt: now,
      seq,
      system: { event: note.event, actorId: note.actorId, targetIds: note.targetIds },
    });
    summary.seq = seq;
    summary.lastMessage = { id: ref.id, senderId: note.actorId, type: 'system', preview: messagePreview({ type: 'system', text }), sentAt: now, seq };
    summary.lastMessageAt = now;
  }
  if (input.create) w.create(chatRef, { ...chat, ...summary });
  else if (Object.keys(summary).length > 0) w.update(chatRef, summary);

  for (const uid of change.removed) w.delete(firestore.doc(paths.member(chatId, uid)));
  for (const uid of change.barred) w.set(firestore.doc(paths.removal(chatId, uid)), { removedBy: actorId, removedAt: now });
  for (const uid of change.unbarred) w.delete(firestore.doc(paths.removal(chatId, uid)));
  for (const { uid, role } of change.roles) w.update(firestore.doc(paths.member(chatId, uid)), { role });

  const memberWrites = change.newMembers.map((member) => ({
    ref: firestore.doc(paths.member(chatId, member.uid)),
    // Joiners start just before the note that announced them; the actor has seen everything.
    data: memberDoc(member, member.uid === actorId ? seq : chat.seq + member.noteIndex),
  }));
  // A new member's document is new by definition (it is deleted on leave), so set is safe here.
  for (const { ref, data } of memberWrites.slice(0, INLINE_MEMBER_WRITES)) w.set(ref, data);

  const actorIsNew = change.newMembers.some((member) => member.uid === actorId);
  if (change.actorReads && !actorIsNew && change.notes.length > 0) await markSenderRead(w, chatId, actorId, seq);
  return { seq, deferredMembers: memberWrites.slice(INLINE_MEMBER_WRITES) };
}

export function memberDoc(member: Omit<NewMember, 'noteIndex'>, readSeq: number): Omit<Member, 'joinedAt'> & { joinedAt: FieldValue } {
  return {
    uid: member.uid,
    role: member.role,
    joinedAt: FieldValue.serverTimestamp(),
    addedBy: member.addedBy,
    readSeq,
    deliveredSeq: readSeq,
    mutedUntil: null,
    archived: false,
    pinned: false,
  };
}

/**
 * Member documents for members the chat lists but who have none (a deferred write that failed
 * earlier): they start at the chat's current `seq`.
 */
export async function missingMemberWrites(chatId: string, chat: Chat, uids: readonly string[]): Promise<MemberWrite[]> {
  const members = uids.filter((uid) => chat.memberIds.includes(uid));
  if (members.length === 0) return [];
  const refs = members.map((uid) => db().doc(paths.member(chatId, uid)));
  const snaps = await db().getAll(...refs);
  return snaps.flatMap((snap, i) => {
    if (snap.exists) return [];
    const uid = members[i]!;
    const role = chat.adminIds.includes(uid) ? 'admin' : 'member';
    return [{ ref: refs[i]!, data: memberDoc({ uid, role, addedBy: null }, chat.seq) }];
  });
}

/**
 * Writes member documents left over from a commit. `create` never overwrites a document that a
 * member already updated (its markers), so running this again after a partial failure is safe.
 */
export async function writeDeferredMembers(writes: readonly MemberWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const writer = db().bulkWriter();
  writer.onWriteError((error) => error.code !== GrpcStatus.ALREADY_EXISTS && error.failedAttempts < 5);
  const failures: Error[] = [];
  const results = writes.map(({ ref, data }) =>
    writer.create(ref, data).catch((error: unknown) => {
      // Already there: written by an earlier attempt, and possibly updated by its member since.
      const code = (error as { code?: unknown }).code;
      if (code !== GrpcStatus.ALREADY_EXISTS) failures.push(error instanceof Error ? error : new Error(String(error)));
    }),
  );
  // A BulkWriter sends its last, partial batch only when flushed: close first, then collect.
  await writer.close();
  await Promise.all(results);
  if (failures.length > 0) throw failures[0]!;
}
