/**
 * A busy group, the way the issue measured it: 4 senders, real client-SDK users under rules, post
 * into one 64-member group, first at 1 msg/s (the baseline phase) and then at 16 msg/s, 10 s
 * each. Three members listen as an open client does: the conversation's newest page, the chat
 * list, and debounced markers through the web client's own throttle. Per phase: messages lost,
 * time until each listener sees a message, chat-list lag for the newest message, writes per
 * message (the message plus function writes, notifications apart), and marker writes per member;
 * afterwards every member's unread arithmetic (`seq - readSeq`) is checked against a count.
 */
import { collection, doc, limit, orderBy, query, serverTimestamp, setDoc, updateDoc, where } from 'firebase/firestore';
import { FieldPath } from 'firebase-admin/firestore';
import { COLLECTIONS, MARKER_DEBOUNCE_MS, paths } from '@natter/model';
import { markerThrottle } from '../../web-client/src/lib/markerThrottle.ts';
import { adminDb } from '../../tests/support/admin.ts';
import { signedInClient, type ClientSession } from '../../tests/support/clients.ts';
import { entriesSince, ledgerMark, waitForUserSetup, waitLedgerQuiet } from '../lib/ledger.ts';
import { now, progress, sleep } from '../lib/time.ts';
import { watchQuery, type Recorder } from '../lib/watch.ts';
import { createGroup, memberIds } from './natter.ts';

export interface BurstPhase {
  rate: number;
  seconds: number;
  sent: number;
  /** Messages some listener never saw within the deadline. */
  lost: number;
  /** Send to each listener seeing it, every (listener, message) pair. */
  seenMs: number[];
  /** Send of the newest message to each listener's chat list showing it. */
  chatListLagMs: number[];
  /** The message writes plus what functions wrote for them (notifications apart). */
  writesPerMessage: number;
  notificationWrites: number;
  /** Marker writes per listener during the phase, and the shortest gap between two by one listener (ms). */
  markerWrites: number[];
  shortestMarkerGapMs: number;
}

export interface BurstRun {
  size: number;
  senders: number;
  listeners: number;
  phases: BurstPhase[];
  /** Members whose `seq - readSeq` equals what an independent count says they have not read. */
  exactUnread: number;
  seq: number;
  messagesCounted: number;
}

interface Listener {
  session: ClientSession;
  uid: string;
  messages: Recorder;
  list: Recorder;
  markerTimes: number[];
  /** The chat's `seq` as this listener's chat list last saw it. */
  seenSeq: number;
  markedSeq: number;
}

function listen(session: ClientSession, chatId: string): Listener {
  const uid = session.uid ?? '';
  const messages = watchQuery(query(collection(session.db, paths.messages(chatId)), orderBy('createdAt', 'desc'), limit(100)));
  const list = watchQuery(query(collection(session.db, COLLECTIONS.chats), where('memberIds', 'array-contains', uid), orderBy('lastMessageAt', 'desc'), limit(20)));
  return { session, uid, messages, list, markerTimes: [], seenSeq: 0, markedSeq: 0 };
}

/** The open conversation marks what it shows, at most once per interval (the web client's throttle). */
function keepMarking(listener: Listener, chatId: string): () => void {
  const request = markerThrottle(MARKER_DEBOUNCE_MS);
  const timer = setInterval(() => {
    const latest = [...listener.list.deliveries].reverse().find((d) => d.id === chatId);
    const seq = typeof latest?.data?.seq === 'number' ? latest.data.seq : 0;
    listener.seenSeq = Math.max(listener.seenSeq, seq);
    if (listener.seenSeq <= listener.markedSeq) return;
    request(chatId, () => {
      const target = listener.seenSeq;
      if (target <= listener.markedSeq) return;
      listener.markedSeq = target;
      listener.markerTimes.push(now());
      void updateDoc(doc(listener.session.db, paths.member(chatId, listener.uid)), { deliveredSeq: target, readSeq: target });
    });
  }, 50);
  return () => clearInterval(timer);
}

/** The shortest time between consecutive writes (Infinity with fewer than two). */
function shortestGap(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.min(Number.POSITIVE_INFINITY, ...sorted.slice(1).map((t, i) => t - (sorted[i] ?? t)));
}

async function newestMessageId(chatId: string): Promise<string | undefined> {
  const snap = await adminDb.collection(paths.messages(chatId)).orderBy('createdAt', 'desc').orderBy(FieldPath.documentId(), 'desc').limit(1).get();
  return snap.docs[0]?.id;
}

async function runPhase(chatId: string, senders: ClientSession[], listeners: Listener[], phase: string, rate: number, seconds: number): Promise<BurstPhase> {
  const mark = ledgerMark();
  const markersBefore = listeners.map((l) => l.markerTimes.length);
  const from = listeners.map((l) => ({ messages: l.messages.deliveries.length, list: l.list.deliveries.length }));
  const count = Math.round(rate * seconds);
  const sentAt = new Map<string, number>();
  const writes: Promise<void>[] = [];
  const start = now();
  // Each sender keeps its own clock: message i goes from sender i % senders at start + i / rate.
  await Promise.all(
    senders.map(async (sender, s) => {
      for (let i = s; i < count; i += senders.length) {
        const wait = start + (i * 1000) / rate - now();
        if (wait > 0) await sleep(wait);
        const id = `${phase}-${String(i).padStart(4, '0')}`;
        sentAt.set(id, now());
        writes.push(setDoc(doc(sender.db, paths.message(chatId, id)), { senderId: sender.uid, type: 'text', text: `${phase} ${i}`, createdAt: serverTimestamp() }));
      }
    }),
  );
  await Promise.all(writes);

  const ids = [...sentAt.keys()];
  const seenMs: number[] = [];
  let lost = 0;
  // Once a message is overdue, the rest are given no more than the time already spent.
  const deadline = Date.now() + 60_000;
  for (const [i, listener] of listeners.entries()) {
    for (const id of ids) {
      const wait = Math.max(0, deadline - Date.now());
      const seen = await listener.messages.arrival(`${listener.uid} to see ${id}`, (d) => d.id === id, from[i]?.messages ?? 0, wait).catch(() => null);
      if (seen === null) lost += 1;
      else seenMs.push(seen - (sentAt.get(id) ?? seen));
    }
  }

  const newest = await newestMessageId(chatId);
  const chatListLagMs: number[] = [];
  for (const [i, listener] of listeners.entries()) {
    const shown = await listener.list.arrival(
      `${listener.uid}'s chat list showing ${newest ?? 'the newest message'}`,
      (d) => d.id === chatId && (d.data?.lastMessage as { id?: string } | null | undefined)?.id === newest,
      from[i]?.list ?? 0,
      60_000,
    );
    chatListLagMs.push(shown - (sentAt.get(newest ?? '') ?? shown));
  }
  await waitLedgerQuiet();
  const functionPaths = entriesSince(mark).flatMap((e) => e.paths);
  const notificationWrites = functionPaths.filter((p) => p.startsWith(`${COLLECTIONS.jobs}/`)).length;
  const markerWrites = listeners.map((l, i) => l.markerTimes.length - (markersBefore[i] ?? 0));
  const phaseMarkers = listeners.map((l, i) => l.markerTimes.slice(markersBefore[i] ?? 0));
  progress(`burst ${phase}: ${rate}/s from ${senders.length} senders, ${lost} lost, ${functionPaths.length - notificationWrites} function writes`);
  return {
    rate,
    seconds,
    sent: ids.length,
    lost,
    seenMs,
    chatListLagMs,
    writesPerMessage: (ids.length + functionPaths.length - notificationWrites) / Math.max(1, ids.length),
    notificationWrites,
    markerWrites,
    shortestMarkerGapMs: Math.min(...phaseMarkers.map(shortestGap)),
  };
}

export async function measureBurst(size = 64, senderCount = 4, listenerCount = 3, phases: { rate: number; seconds: number }[] = [{ rate: 1, seconds: 10 }, { rate: 16, seconds: 10 }]): Promise<BurstRun> {
  const chatId = `bench-burst-${size}`;
  const uids = memberIds(`b${size}`, size);
  await createGroup(chatId, uids);
  const senders = await Promise.all(uids.slice(0, senderCount).map((uid) => signedInClient(uid)));
  const listeners = await Promise.all(uids.slice(senderCount, senderCount + listenerCount).map(async (uid) => listen(await signedInClient(uid), chatId)));
  await Promise.all(listeners.flatMap((l) => [l.messages.ready, l.list.ready]));
  await waitForUserSetup([...senders, ...listeners.map((l) => l.session)].map((s) => s.uid ?? ''));
  const stopMarking = listeners.map((l) => keepMarking(l, chatId));

  const results: BurstPhase[] = [];
  for (const [n, { rate, seconds }] of phases.entries()) {
    if (n > 0) await sleep(3_000);
    results.push(await runPhase(chatId, senders, listeners, `p${n}`, rate, seconds));
  }

  // Let the trailing summary and the trailing markers land, then check the arithmetic.
  const newest = await newestMessageId(chatId);
  const deadline = Date.now() + 60_000;
  let chat = (await adminDb.doc(paths.chat(chatId)).get()).data();
  while ((chat?.lastMessage as { id?: string } | null)?.id !== newest && Date.now() < deadline) {
    await sleep(200);
    chat = (await adminDb.doc(paths.chat(chatId)).get()).data();
  }
  await sleep(MARKER_DEBOUNCE_MS * 2);
  for (const stop of stopMarking) stop();
  await waitLedgerQuiet();
  const seq = typeof chat?.seq === 'number' ? chat.seq : -1;
  const messagesCounted = (await adminDb.collection(paths.messages(chatId)).count().get()).data().count;
  const members = await adminDb.collection(paths.members(chatId)).get();
  const marked = new Map(listeners.map((l) => [l.uid, l.markedSeq]));
  // Unread is seq - readSeq: exact when it equals the messages counted minus what the member marked.
  const exactUnread = members.docs.filter((m) => seq - Number(m.get('readSeq')) === messagesCounted - (marked.get(m.id) ?? 0)).length;

  await Promise.all([...senders.map((s) => s.close()), ...listeners.map((l) => { l.messages.stop(); l.list.stop(); return l.session.close(); })]);
  return { size, senders: senderCount, listeners: listenerCount, phases: results, exactUnread, seq, messagesCounted };
}
