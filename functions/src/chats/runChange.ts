/**
 * Runs one chat change end to end: read the chat in a transaction, plan, write (system messages,
 * summary, members), then after the commit write any deferred member documents and bring the RTDB
 * `/chatMembers` mirror in step. A request already satisfied re-applies the mirror and recreates
 * missing member documents for the users it names, so a retried call repairs a partial failure.
 */
import { chatSchema, paths, type Chat } from '@natter/model';
import { db } from '../lib/admin.ts';
import { CONTENDED, CountedWrites } from '../lib/countedWrites.ts';
import { logs } from '../lib/logs.ts';
import { messagesAfterSummary } from '../messaging/chatSummary.ts';
import type { MembershipChange, MembershipMirror } from '../lib/rtdb.ts';
import { missingMemberWrites, writeChange, writeDeferredMembers, type MemberWrite } from './apply.ts';
import { refuseNonMember, type ChatChange } from './plans.ts';

export interface ChangeResult {
  kind: ChatChange['kind'];
  seq: number;
  /** Documents written, in the transaction and after it. */
  writes: number;
}

/**
 * `barredAmong` names users whose removal records (an admin removed them) are read in the same
 * transaction; the plan gets those who are barred, so a join racing a removal cannot slip in.
 */
export async function runChatChange(
  chatId: string,
  actorId: string,
  plan: (chat: Chat, barred: ReadonlySet<string>) => ChatChange,
  mirror: MembershipMirror,
  barredAmong: readonly string[] = [],
): Promise<ChangeResult> {
  const started = Date.now();
  const firestore = db();
  const chatRef = firestore.doc(paths.chat(chatId));

  const outcome = await firestore.runTransaction(async (tx) => {
    const [chatSnap, ...removals] = await Promise.all([chatRef, ...barredAmong.map((uid) => firestore.doc(paths.removal(chatId, uid)))].map((ref) => tx.get(ref)));
    const parsed = chatSchema.safeParse(chatSnap?.data());
    if (!parsed.success) refuseNonMember();
    // Messages the summary has not counted yet (a burst's trailing summary is due) come before any
    // system message this change posts, so its `seq` counts them too.
    const chat = { ...parsed.data, seq: parsed.data.seq + (await messagesAfterSummary(chatId, parsed.data)) };
    const barred = new Set(barredAmong.filter((_uid, i) => removals[i]?.exists === true));
    const change = plan(chat, barred);
    const w = new CountedWrites(tx);
    let seq = chat.seq;
    let deferred: MemberWrite[] = [];
    if (change.kind === 'change') {
      ({ seq, deferredMembers: deferred } = await writeChange(w, { chatId, chat, actorId, change }));
    } else if (change.kind === 'delete') {
      for (const uid of change.removed) w.delete(firestore.doc(paths.member(chatId, uid)));
      w.delete(chatRef);
    }
    return { chat, change, seq, deferred, writes: w.count };
  }, CONTENDED);

  const { chat, change, seq } = outcome;
  const deferred = change.kind === 'noop' ? await missingMemberWrites(chatId, chat, change.mirror.add) : outcome.deferred;
  await writeDeferredMembers(deferred);
  await applyMirror(mirror, chatId, mirrorChange(change));
  if (change.kind === 'change') {
    const targetCount = change.newMembers.length + change.removed.length + change.roles.length;
    logs.chatChanged({ action: change.action, chatId, actorId, targetCount, seq, durationMs: Date.now() - started });
  } else if (change.kind === 'delete') {
    // Messages and anything else under the chat go too: nobody can read them any more.
    await firestore.recursiveDelete(chatRef);
    logs.chatDeleted({ chatId, actorId });
  } else {
    logs.chatUnchanged({ action: change.action, chatId, actorId });
  }
  return { kind: change.kind, seq, writes: outcome.writes + deferred.length };
}

function mirrorChange(change: ChatChange): MembershipChange {
  switch (change.kind) {
    case 'change':
      return { add: change.newMembers.map((member) => member.uid), remove: change.removed };
    case 'delete':
      return { add: [], remove: change.removed };
    case 'noop':
      return change.mirror;
  }
}

export async function applyMirror(mirror: MembershipMirror, chatId: string, change: MembershipChange): Promise<void> {
  if (change.add.length === 0 && change.remove.length === 0) return;
  await mirror.apply(chatId, change);
}
