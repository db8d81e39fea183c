/**
 * Natter's design for one group size: the group is set up with the Admin SDK (chat and member
 * documents as the model defines them); the sender is a real client-SDK user, so rules run; the
 * `onMessageCreated` trigger updates the chat summary. Messages are sent one summary interval
 * apart (an idle chat: each is the first after a quiet spell, so its summary is written at once).
 */
import { Timestamp } from 'firebase-admin/firestore';
import { collection, doc, limit, orderBy, query, serverTimestamp, setDoc, where } from 'firebase/firestore';
import { DEFAULT_CHAT_SETTINGS, SUMMARY_INTERVAL_MS, chatSchema, memberSchema, paths, COLLECTIONS, type Chat, type Member } from '@natter/model';
import { adminDb } from '../../tests/support/admin.ts';
import { signedInClient, type ClientSession } from '../../tests/support/clients.ts';
import { entriesSince, ledgerMark, waitForUserSetup, waitLedgerQuiet } from '../lib/ledger.ts';
import { pushWindowClosed } from '../../tests/support/pushJobs.ts';
import { now, progress, sleep } from '../lib/time.ts';
import { watchDoc, watchQuery, type Recorder } from '../lib/watch.ts';
import type { DesignRun } from './types.ts';

export function memberIds(prefix: string, size: number): string[] {
  return Array.from({ length: size }, (_, i) => `${prefix}u${i}`);
}

/** Writes the chat and its member documents directly, validated against the model's schemas. */
export async function createGroup(chatId: string, uids: string[]): Promise<void> {
  const createdAt = Timestamp.now();
  const owner = uids[0] ?? 'nobody';
  const chat: Chat = chatSchema.parse({
    type: 'group',
    memberIds: uids,
    adminIds: [owner],
    name: `bench ${uids.length}`,
    description: '',
    photoURL: null,
    createdBy: owner,
    createdAt,
    lastMessage: null,
    lastMessageAt: createdAt,
    seq: 0,
    settings: DEFAULT_CHAT_SETTINGS,
  });
  const writer = adminDb.bulkWriter();
  void writer.set(adminDb.doc(paths.chat(chatId)), chat);
  for (const uid of uids) {
    const member: Member = memberSchema.parse({
      uid,
      role: uid === owner ? 'admin' : 'member',
      joinedAt: createdAt,
      addedBy: uid === owner ? null : owner,
      readSeq: 0,
      deliveredSeq: 0,
      mutedUntil: null,
      archived: false,
      pinned: false,
    });
    void writer.set(adminDb.doc(paths.member(chatId, uid)), member);
  }
  await writer.close();
}

interface Recipient {
  session: ClientSession;
  chatList: Recorder[];
  chatOpen: Recorder[];
  messages: Recorder;
  list: Recorder;
}

function watchRecipient(session: ClientSession, chatId: string): Recipient {
  const uid = session.uid ?? '';
  const list = watchQuery(
    query(collection(session.db, COLLECTIONS.chats), where('memberIds', 'array-contains', uid), orderBy('lastMessageAt', 'desc'), limit(20)),
  );
  const ownMember = watchDoc(doc(session.db, paths.member(chatId, uid)));
  const messages = watchQuery(query(collection(session.db, paths.messages(chatId)), orderBy('createdAt', 'desc'), limit(50)));
  // As in the web client: the open conversation takes the chat and member documents from the chat
  // list's listeners (it lists the chat), so its own listener is the message feed alone.
  return { session, chatList: [list, ownMember], chatOpen: [messages], messages, list };
}

const count = (recorders: Recorder[]) => recorders.reduce((sum, r) => sum + r.deliveries.length, 0);

export async function runNatter(size: number, messages: number, listenerCount: number): Promise<DesignRun> {
  const chatId = `bench-natter-${size}`;
  const uids = memberIds(`n${size}`, size);
  await createGroup(chatId, uids);
  const [senderUid, ...others] = uids;
  const sender = await signedInClient(senderUid ?? '');
  const recipients = await Promise.all(others.slice(0, listenerCount).map(async (uid) => watchRecipient(await signedInClient(uid), chatId)));
  await Promise.all(recipients.flatMap((r) => [...r.chatList, ...r.chatOpen].map((w) => w.ready)));
  // New users fire onUserCreated; let that settle so the ledger window holds only messages.
  await waitForUserSetup([senderUid ?? '', ...recipients.map((r) => r.session.uid ?? '')]);
  const mark = ledgerMark();
  const base = recipients.map((r) => ({ list: count(r.chatList), open: count(r.chatOpen) }));
  const deliverMs: number[] = [];
  const chatListMs: number[] = [];
  let clientWrites = 0;

  for (let m = 0; m < messages; m++) {
    const id = `n${size}m${m}`;
    const from = recipients.map((r) => ({ messages: r.messages.deliveries.length, list: r.list.deliveries.length }));
    await sleep(SUMMARY_INTERVAL_MS);
    const sent = now();
    await setDoc(doc(sender.db, paths.message(chatId, id)), { senderId: senderUid, type: 'text', text: `bench message ${m}`, createdAt: serverTimestamp() });
    clientWrites += 1;
    await Promise.all(
      recipients.map(async (r, i) => {
        const start = from[i] ?? { messages: 0, list: 0 };
        const delivered = await r.messages.arrival(`message ${id}`, (d) => d.id === id, start.messages);
        deliverMs.push(delivered - sent);
        const listed = await r.list.arrival(`chat list showing ${id}`, (d) => {
          const last = d.data?.lastMessage as { id?: string } | null | undefined;
          return d.id === chatId && last?.id === id;
        }, start.list);
        chatListMs.push(listed - sent);
      }),
    );
    progress(`natter size ${size}: message ${m + 1}/${messages}`);
  }
  // The push worker runs once the last message's push window has closed (no member has a device,
  // so it writes nothing); count writes only after that.
  await pushWindowClosed(chatId, `n${size}m${messages - 1}`);
  await waitLedgerQuiet();
  await sleep(300);
  const entries = entriesSince(mark);
  const functionPaths = entries.flatMap((e) => e.paths);
  const notificationWrites = functionPaths.filter((p) => p.startsWith(`${COLLECTIONS.jobs}/`)).length;
  const run: DesignRun = {
    design: 'natter',
    size,
    messages,
    listeners: recipients.length,
    clientWrites,
    functionWrites: functionPaths.length - notificationWrites,
    notificationWrites,
    chatListReads: recipients.reduce((sum, r, i) => sum + count(r.chatList) - (base[i]?.list ?? 0), 0),
    chatOpenReads: recipients.reduce((sum, r, i) => sum + count(r.chatOpen) - (base[i]?.open ?? 0), 0),
    deliverMs,
    chatListMs,
    functionPaths,
  };
  for (const r of recipients) for (const w of [...r.chatList, ...r.chatOpen]) w.stop();
  await Promise.all([sender.close(), ...recipients.map((r) => r.session.close())]);
  return run;
}
