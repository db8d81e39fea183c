import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { paths, type Message } from '@natter/model';
import { adminDb, eventually } from '../../tests/support/admin.ts';
import { untilSummarised } from '../../tests/support/summaries.ts';
import { InvalidInputError } from '../src/lib/firebase/functions.ts';
import type { MessageView } from '../src/lib/firebase/messages.ts';
import { clearEverything, closeAll, webUser, type WebSession } from './support/sessions.ts';

let ana: WebSession;
let ben: WebSession;
let chatId: string;
const closers: (() => void)[] = [];

beforeAll(async () => {
  await clearEverything();
  ana = await webUser('web-ana', 'Ana Web');
  ben = await webUser('web-ben', 'Ben Web');
  chatId = (await ana.functions.openDirectChat({ otherUid: ben.uid })).chatId;
});
afterEach(() => {
  for (const close of closers.splice(0)) close();
});
afterAll(async () => {
  await closeAll([ana, ben]);
});

/** Opens a feed and resolves each time `until` holds on the latest emission. */
function feed(session: WebSession, id: string, pageSize?: number) {
  let latest: MessageView[] = [];
  const pages = new Map<number, string[]>();
  const errors: Error[] = [];
  const handle = session.messages.openFeed(id, {
    pageSize,
    onChange: (views) => {
      latest = views;
    },
    onError: (error) => errors.push(error),
    onPageDocs: (page, ids) => pages.set(page, [...(pages.get(page) ?? []), ...ids]),
  });
  closers.push(() => handle.close());
  return {
    handle,
    pages,
    errors,
    views: () => latest,
    until: (check: (views: MessageView[]) => boolean) => eventually(() => Promise.resolve(check(latest) ? latest : undefined)),
  };
}

describe('sending', () => {
  it('writes a text message with a client-generated id that the chat summary then counts', async () => {
    const sent = ana.messages.sendText(chatId, 'hello Ben');
    expect(sent.id).toMatch(/^[A-Za-z0-9]{20}$/);
    await sent.written;
    const { chat, message } = await untilSummarised(chatId, sent.id);
    expect(message).toMatchObject({ senderId: ana.uid, type: 'text', text: 'hello Ben' });
    expect(chat.lastMessage).toMatchObject({ id: sent.id, preview: 'hello Ben', seq: chat.seq });
  });

  it('refuses invalid messages before anything leaves the client, naming the field', () => {
    expect(() => ana.messages.send(chatId, { type: 'text', text: '   ' })).toThrow(InvalidInputError);
    expect(() => ana.messages.send(chatId, { type: 'text', text: 'x'.repeat(4097) })).toThrow(/text/);
    expect(() => ana.messages.send(chatId, { type: 'image', text: '' })).toThrow(/type/);
  });

  it('quotes the replied-to message and shows replies, edits, reactions and deletion live to the other member', async () => {
    const first = ana.messages.sendText(chatId, 'original text');
    await first.written;
    const benFeed = feed(ben, chatId);
    const views = await benFeed.until((v) => v.some((m) => m.id === first.id && !m.pending));
    const original = views.find((m) => m.id === first.id)?.message as Message;

    const reply = ben.messages.sendText(chatId, 'a reply', { id: first.id, message: original });
    await reply.written;
    // The quote is snapshotted by the trigger before it summarises the reply: wait for that before editing.
    await untilSummarised(chatId, reply.id);
    await ben.messages.react(chatId, first.id, '👍');
    await ana.messages.edit(chatId, first.id, original, 'edited text');

    const after = await benFeed.until((v) => {
      const m = v.find((x) => x.id === first.id)?.message;
      return m?.text === 'edited text' && m.reactions?.[ben.uid] === '👍' && v.some((x) => x.id === reply.id);
    });
    expect(after.find((x) => x.id === reply.id)?.message?.replyTo).toEqual({ messageId: first.id, senderId: ana.uid, preview: 'original text' });
    expect(after.find((x) => x.id === first.id)?.message?.editedAt).toBeTruthy();

    await ben.messages.react(chatId, first.id, null);
    await ana.messages.deleteForEveryone(chatId, first.id, original);
    const deleted = await benFeed.until((v) => v.find((x) => x.id === first.id)?.message?.deletedForEveryone === true);
    expect(deleted.find((x) => x.id === first.id)?.message).toMatchObject({ text: '', deletedForEveryone: true });
    expect(deleted.find((x) => x.id === first.id)?.message?.reactions?.[ben.uid]).toBeUndefined();
  });

  it('lets only the sender edit (a positive control beside the refusal)', async () => {
    const sent = ana.messages.sendText(chatId, 'mine');
    await sent.written;
    const message = (await adminDb.doc(paths.message(chatId, sent.id)).get()).data() as Message;
    await expect(ben.messages.edit(chatId, sent.id, message, 'not yours')).rejects.toThrow(InvalidInputError);
    await expect(ana.messages.edit(chatId, sent.id, message, 'still mine')).resolves.toBeUndefined();
  });

  it('forwards text into another chat, marked as forwarded', async () => {
    const group = await ana.functions.createGroup({ name: 'Forward target', memberIds: [ben.uid] });
    const [copy] = ana.messages.forward({ senderId: ben.uid, type: 'text', text: 'pass it on', createdAt: Timestamp.now() }, [group.chatId]);
    await copy?.written;
    const stored = (await adminDb.doc(paths.message(group.chatId, copy?.id ?? '')).get()).data();
    expect(stored).toMatchObject({ senderId: ana.uid, text: 'pass it on', forwarded: true });
  });
});

describe('the paginated feed', () => {
  it('loads older pages on demand without re-reading messages it already has', async () => {
    const group = await ana.functions.createGroup({ name: 'History', memberIds: [ben.uid] });
    const start = Date.now() - 3_600_000;
    const batch = adminDb.batch();
    for (let i = 0; i < 70; i += 1) {
      const id = `old-${String(i).padStart(3, '0')}`;
      batch.set(adminDb.doc(paths.message(group.chatId, id)), {
        senderId: ana.uid, type: 'text', text: `message ${i}`, createdAt: Timestamp.fromMillis(start + i * 1000), seq: i + 1,
      });
    }
    await batch.commit();

    const history = feed(ben, group.chatId, 30);
    // The newest page: 30 messages (the group's own system message is the newest of all).
    await history.until((v) => v.length === 30);
    expect(history.handle.hasOlder()).toBe(true);
    await expect(history.handle.loadOlder()).resolves.toBe(true);
    await history.until((v) => v.length === 60);
    await history.handle.loadOlder();
    const all = await history.until((v) => v.filter((m) => m.id.startsWith('old-')).length === 70);
    expect(history.handle.hasOlder()).toBe(false);

    // Oldest first, and every document arrived in exactly one page.
    const olds = all.filter((m) => m.id.startsWith('old-')).map((m) => m.id);
    expect(olds).toEqual([...olds].sort());
    const delivered = [...history.pages.values()].flatMap((ids) => [...new Set(ids)]);
    expect(delivered.length).toBe(new Set(delivered).size);
    expect(history.errors).toEqual([]);
  });
});
