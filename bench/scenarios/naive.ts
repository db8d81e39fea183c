/**
 * The naive design many tutorials teach, implemented only here: no functions; the sender writes
 * the message and then a per-member inbox document (`inboxes/{uid}/chats/{chatId}`, holding the
 * last message and an unread counter) for every member, in client batches of at most 500 writes.
 * Chat lists listen to their own inbox. It runs in the open-rules baseline project.
 */
import { collection, doc, increment, limit, orderBy, query, serverTimestamp, writeBatch, type WriteBatch } from 'firebase/firestore';
import { baselineAdminDb, baselineClient, type BaselineClient } from '../lib/baseline.ts';
import { now, progress } from '../lib/time.ts';
import { watchDoc, watchQuery, type Recorder } from '../lib/watch.ts';
import { memberIds } from './natter.ts';
import type { DesignRun } from './types.ts';

const BATCH_LIMIT = 500;
const inbox = (uid: string) => `inboxes/${uid}/chats`;

interface Recipient {
  client: BaselineClient;
  list: Recorder;
  messages: Recorder;
  chatOpen: Recorder[];
}

export async function runNaive(size: number, messages: number, listenerCount: number): Promise<DesignRun> {
  const chatId = `bench-naive-${size}`;
  const uids = memberIds(`v${size}`, size);
  const writer = baselineAdminDb.bulkWriter();
  void writer.set(baselineAdminDb.doc(`chats/${chatId}`), { name: `naive ${size}`, memberIds: uids });
  for (const uid of uids) void writer.set(baselineAdminDb.doc(`${inbox(uid)}/${chatId}`), { lastMessage: null, lastMessageAt: new Date(), unread: 0 });
  await writer.close();

  const [senderUid = '', ...others] = uids;
  const sender = baselineClient();
  const recipients: Recipient[] = others.slice(0, listenerCount).map((uid) => {
    const client = baselineClient();
    const list = watchQuery(query(collection(client.db, inbox(uid)), orderBy('lastMessageAt', 'desc'), limit(20)));
    const msgs = watchQuery(query(collection(client.db, `chats/${chatId}/messages`), orderBy('createdAt', 'desc'), limit(50)));
    return { client, list, messages: msgs, chatOpen: [msgs, watchDoc(doc(client.db, `chats/${chatId}`))] };
  });
  await Promise.all(recipients.flatMap((r) => [r.list.ready, ...r.chatOpen.map((w) => w.ready)]));

  const deliverMs: number[] = [];
  const chatListMs: number[] = [];
  let clientWrites = 0;
  for (let m = 0; m < messages; m++) {
    const id = `v${size}m${m}`;
    const from = recipients.map((r) => ({ messages: r.messages.deliveries.length, list: r.list.deliveries.length }));
    const sent = now();
    const batches: WriteBatch[] = [writeBatch(sender.db)];
    let ops = 0;
    const add = (write: (b: WriteBatch) => void) => {
      if (ops > 0 && ops % BATCH_LIMIT === 0) batches.push(writeBatch(sender.db));
      const batch = batches[batches.length - 1];
      if (batch) write(batch);
      ops += 1;
    };
    const text = `bench message ${m}`;
    add((b) => b.set(doc(sender.db, `chats/${chatId}/messages/${id}`), { senderId: senderUid, type: 'text', text, createdAt: serverTimestamp() }));
    for (const uid of uids) {
      add((b) =>
        b.set(
          doc(sender.db, `${inbox(uid)}/${chatId}`),
          {
            lastMessage: { id, senderId: senderUid, preview: text },
            lastMessageAt: serverTimestamp(),
            unread: uid === senderUid ? 0 : increment(1),
          },
          { merge: true },
        ),
      );
    }
    await Promise.all(batches.map((b) => b.commit()));
    clientWrites += ops;
    await Promise.all(
      recipients.map(async (r, i) => {
        const start = from[i] ?? { messages: 0, list: 0 };
        deliverMs.push((await r.messages.arrival(`message ${id}`, (d) => d.id === id, start.messages)) - sent);
        const listed = await r.list.arrival(`inbox showing ${id}`, (d) => (d.data?.lastMessage as { id?: string } | null | undefined)?.id === id, start.list);
        chatListMs.push(listed - sent);
      }),
    );
    progress(`naive size ${size}: message ${m + 1}/${messages}`);
  }
  const run: DesignRun = {
    design: 'naive',
    size,
    messages,
    listeners: recipients.length,
    clientWrites,
    functionWrites: 0,
    notificationWrites: 0,
    chatListReads: recipients.reduce((sum, r) => sum + r.list.deliveries.length, 0),
    chatOpenReads: recipients.reduce((sum, r) => sum + r.chatOpen.reduce((s, w) => s + w.deliveries.length, 0), 0),
    deliverMs,
    chatListMs,
    functionPaths: [],
  };
  for (const r of recipients) for (const w of [r.list, ...r.chatOpen]) w.stop();
  await Promise.all([sender.close(), ...recipients.map((r) => r.client.close())]);
  return run;
}
