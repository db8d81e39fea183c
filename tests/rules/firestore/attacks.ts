/**
 * Named attacks on the Firestore rules. Each test makes the malicious request (which must fail
 * with `permission-denied`) and then its positive control: the same request with the one
 * offending detail put right (or, for server-owned data, the same write with rules disabled),
 * which must succeed. Documents touched are restored after each test.
 */
import {
  arrayUnion,
  collection,
  collectionGroup,
  deleteDoc,
  deleteField,
  doc,
  getDoc,
  getDocs,
  limit,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  where,
  type DocumentData,
  type Firestore,
  type Query,
} from 'firebase/firestore';
import { afterEach, beforeAll, describe, it } from 'vitest';
import { DELETED_FOR_EVERYONE, MAX_PAGE_SIZE, MAX_TEXT_LENGTH, MEDIA_LIMITS, POLL_DELETED_FOR_EVERYONE, paths } from '@natter/model';
import { expectAllowed, expectDenied } from '../../support/rules.ts';
import type { RulesHarness } from './harness.ts';
import {
  ANNOUNCE,
  DIRECT,
  GROUP,
  GROUP_SEQ,
  OUTSIDER,
  PAST_DELETE_WINDOW_ID,
  PAST_EDIT_WINDOW_ID,
  SEEDED_DEVICE,
  SEEDED_REPORT,
  UID,
  DELETED_POLL_ID,
  MULTI_POLL_ID,
  POLL_ID,
  oldMessageId,
  recentMessageId,
} from './world.ts';

const { member: MIA, groupAdmin: ADA, blockedUser: BLAKE, bannedUser: BART, formerMember: FRED, stranger: SAM, staff: STELLA } = UID;
/**
 * A client clock five seconds off. (Timestamp.now() itself can land in the same millisecond as the
 * emulator's request.time on a fast local round trip; a real attacker backdates or postdates.)
 */
const skewedClock = () => Timestamp.fromMillis(Date.now() - 5_000);

export function registerAttacks(harness: RulesHarness): void {
  beforeAll(async () => {
    await harness.reset();
  });
  afterEach(async () => {
    await harness.restore();
  });

  // Writes that touch the database are recorded so the world is restored after the test.
  const set = (db: Firestore, path: string, data: DocumentData) => {
    harness.touch(path);
    return setDoc(doc(db, path), data);
  };
  const update = (db: Firestore, path: string, data: DocumentData) => {
    harness.touch(path);
    return updateDoc(doc(db, path), data);
  };
  const remove = (db: Firestore, path: string) => {
    harness.touch(path);
    return deleteDoc(doc(db, path));
  };
  const read = (db: Firestore, path: string) => getDoc(doc(db, path));
  const list = (q: Query) => getDocs(q);
  /** The same write as the server would make it (rules disabled): the control for server-owned data. */
  const asServer = (write: (db: Firestore) => Promise<unknown>) =>
    harness.admin(async (db) => {
      await write(db);
    });

  const mia = () => harness.as(MIA);
  const ada = () => harness.as(ADA);
  const staff = () => harness.as(STELLA, { role: 'moderator' });

  const newMessage = (senderId: string, extra: DocumentData = {}) => ({
    senderId,
    type: 'text',
    text: 'hello',
    createdAt: serverTimestamp(),
    ...extra,
  });
  const msgPath = (chatId: string, id: string) => paths.message(chatId, id);
  let counter = 0;
  const freshId = () => `attack-${++counter}`;
  const image = (chatId: string, messageId: string, overrides: DocumentData = {}) => ({
    path: `chats/${chatId}/${messageId}/photo.jpg`,
    contentType: 'image/jpeg',
    size: 1000,
    name: 'photo.jpg',
    ...overrides,
  });

  function attack(name: string, deny: () => Promise<unknown>, control: () => Promise<unknown>): void {
    it(name, async () => {
      await expectDenied(deny());
      await expectAllowed(control());
    });
  }

  describe('messages: identity, keys and server-owned fields', () => {
    attack(
      'a spoofed senderId on a new message',
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(ADA)),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA)),
    );
    attack(
      'rewriting senderId on an existing message',
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { senderId: ADA }),
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { text: 'fixed typo', editedAt: serverTimestamp() }),
    );
    attack(
      'rewriting createdAt on an existing message (to reopen the edit window)',
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { text: 'late', editedAt: serverTimestamp(), createdAt: serverTimestamp() }),
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { text: 'late', editedAt: serverTimestamp() }),
    );
    attack(
      'a client-clock createdAt on a new message',
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { createdAt: Timestamp.fromMillis(Date.now() - 3_600_000) })),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA)),
    );
    attack(
      'an unknown extra key on a new message',
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { pinnedForAll: true })),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { forwarded: true })),
    );
    attack(
      'a client-chosen seq on a new message',
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { seq: GROUP_SEQ + 1 })),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA)),
    );
    attack(
      'a member setting the server-owned seq/expiresAt on an existing message',
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { expiresAt: null, seq: 99 }),
      () => asServer((db) => updateDoc(doc(db, msgPath(GROUP, recentMessageId(MIA))), { expiresAt: null, seq: 99 })),
    );
    attack(
      'a system message from a client',
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { type: 'system' })),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { type: 'text' })),
    );
    attack(
      `oversize text (${MAX_TEXT_LENGTH + 1} characters)`,
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { text: 'x'.repeat(MAX_TEXT_LENGTH + 1) })),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { text: 'x'.repeat(MAX_TEXT_LENGTH) })),
    );
    attack(
      'a blank text message',
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { text: '   ' })),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { text: ' hi ' })),
    );
    attack(
      'a reply whose quote carries an extra key',
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { replyTo: { messageId: recentMessageId(ADA), senderId: ADA, preview: 'hi', html: '<b>' } })),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { replyTo: { messageId: recentMessageId(ADA), senderId: ADA, preview: 'hi' } })),
    );
    attack(
      'more than 50 mentions',
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { mentions: Array.from({ length: 51 }, () => ADA) })),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { mentions: Array.from({ length: 50 }, () => ADA) })),
    );
    attack(
      'a mention carrying a 20,000-character payload (about 1 MB across 50 of them)',
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { mentions: Array.from({ length: 50 }, () => 'x'.repeat(20_000)) })),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { mentions: Array.from({ length: 50 }, () => 'x'.repeat(128)) })),
    );
    attack(
      'a mention that is a nested map',
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { mentions: [ADA, { uid: ADA, payload: 'x'.repeat(1_000) }] })),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { mentions: [ADA, MIA] })),
    );
    attack(
      'a mention holding a slash (not uid-shaped)',
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { mentions: [`${ADA}/x`] })),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA, { mentions: [ADA] })),
    );
    attack(
      'overwriting an existing message id with a new message',
      () => set(ada(), msgPath(GROUP, recentMessageId(MIA)), newMessage(ADA)),
      () => set(ada(), msgPath(GROUP, freshId()), newMessage(ADA)),
    );
  });

  describe('messages: media metadata', () => {
    attack(
      "media pointing into another chat's storage folder",
      () => {
        const id = freshId();
        return set(mia(), msgPath(GROUP, id), newMessage(MIA, { type: 'image', text: '', media: image(DIRECT, id) }));
      },
      () => {
        const id = freshId();
        return set(mia(), msgPath(GROUP, id), newMessage(MIA, { type: 'image', text: '', media: image(GROUP, id) }));
      },
    );
    attack(
      'an image over the image size limit',
      () => {
        const id = freshId();
        return set(mia(), msgPath(GROUP, id), newMessage(MIA, { type: 'image', text: '', media: image(GROUP, id, { size: MEDIA_LIMITS.image.maxBytes + 1 }) }));
      },
      () => {
        const id = freshId();
        return set(mia(), msgPath(GROUP, id), newMessage(MIA, { type: 'image', text: '', media: image(GROUP, id, { size: MEDIA_LIMITS.image.maxBytes }) }));
      },
    );
    attack(
      'an "image" whose content type is an executable',
      () => {
        const id = freshId();
        return set(mia(), msgPath(GROUP, id), newMessage(MIA, { type: 'image', text: '', media: image(GROUP, id, { contentType: 'application/x-msdownload' }) }));
      },
      () => {
        const id = freshId();
        return set(mia(), msgPath(GROUP, id), newMessage(MIA, { type: 'image', text: '', media: image(GROUP, id, { contentType: 'image/png' }) }));
      },
    );
    attack(
      'a text message smuggling media',
      () => {
        const id = freshId();
        return set(mia(), msgPath(GROUP, id), newMessage(MIA, { media: image(GROUP, id) }));
      },
      () => {
        const id = freshId();
        return set(mia(), msgPath(GROUP, id), newMessage(MIA, { type: 'image', media: image(GROUP, id) }));
      },
    );
  });

  describe('messages: edits, delete for everyone and reactions', () => {
    attack(
      "editing someone else's message",
      () => update(ada(), msgPath(GROUP, recentMessageId(MIA)), { text: 'ada was here', editedAt: serverTimestamp() }),
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { text: 'ada was here', editedAt: serverTimestamp() }),
    );
    attack(
      'editing after the 15-minute window',
      () => update(mia(), msgPath(GROUP, PAST_EDIT_WINDOW_ID), { text: 'too late', editedAt: serverTimestamp() }),
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { text: 'too late', editedAt: serverTimestamp() }),
    );
    attack(
      'an edit with a client-clock editedAt',
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { text: 'x', editedAt: Timestamp.fromMillis(Date.now() - 60_000) }),
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { text: 'x', editedAt: serverTimestamp() }),
    );
    attack(
      'an edit without editedAt (a silent edit)',
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { text: 'silent' }),
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { text: 'silent', editedAt: serverTimestamp() }),
    );
    attack(
      'an edit that turns a text message into an image',
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { type: 'image', editedAt: serverTimestamp() }),
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { text: 'still text', editedAt: serverTimestamp() }),
    );
    attack(
      'deleting for everyone after the 60-hour window',
      () => update(mia(), msgPath(GROUP, PAST_DELETE_WINDOW_ID), { ...DELETED_FOR_EVERYONE }),
      () => update(mia(), msgPath(GROUP, oldMessageId(MIA)), { ...DELETED_FOR_EVERYONE }),
    );
    attack(
      'a delete for everyone that keeps the text',
      () => update(mia(), msgPath(GROUP, oldMessageId(MIA)), { ...DELETED_FOR_EVERYONE, text: 'still readable' }),
      () => update(mia(), msgPath(GROUP, oldMessageId(MIA)), { ...DELETED_FOR_EVERYONE }),
    );
    attack(
      "deleting someone else's message for everyone",
      () => update(ada(), msgPath(GROUP, oldMessageId(MIA)), { ...DELETED_FOR_EVERYONE }),
      () => update(mia(), msgPath(GROUP, oldMessageId(MIA)), { ...DELETED_FOR_EVERYONE }),
    );
    attack(
      'hard-deleting own message (the tombstone must stay)',
      () => remove(mia(), msgPath(GROUP, oldMessageId(MIA))),
      () => update(mia(), msgPath(GROUP, oldMessageId(MIA)), { ...DELETED_FOR_EVERYONE }),
    );
    attack(
      "setting someone else's reaction",
      () => update(mia(), msgPath(GROUP, recentMessageId(ADA)), { [`reactions.${ADA}`]: '😡' }),
      () => update(mia(), msgPath(GROUP, recentMessageId(ADA)), { [`reactions.${MIA}`]: '😡' }),
    );
    it("removing someone else's reaction", async () => {
      await harness.seed({ [msgPath(GROUP, recentMessageId(MIA))]: { ...harness.worldDoc(msgPath(GROUP, recentMessageId(MIA))), reactions: { [ADA]: '👍', [MIA]: '🎉' } } });
      await expectDenied(update(mia(), msgPath(GROUP, recentMessageId(MIA)), { [`reactions.${ADA}`]: deleteField() }));
      await expectAllowed(update(mia(), msgPath(GROUP, recentMessageId(MIA)), { [`reactions.${MIA}`]: deleteField() }));
    });
    it('replacing the whole reactions map to drop the others', async () => {
      await harness.seed({ [msgPath(GROUP, recentMessageId(MIA))]: { ...harness.worldDoc(msgPath(GROUP, recentMessageId(MIA))), reactions: { [ADA]: '👍' } } });
      await expectDenied(update(mia(), msgPath(GROUP, recentMessageId(MIA)), { reactions: { [MIA]: '🎉' } }));
      await expectAllowed(update(mia(), msgPath(GROUP, recentMessageId(MIA)), { reactions: { [ADA]: '👍', [MIA]: '🎉' } }));
    });
    attack(
      'a reaction that is not a short emoji string',
      () => update(mia(), msgPath(GROUP, recentMessageId(ADA)), { [`reactions.${MIA}`]: 'x'.repeat(17) }),
      () => update(mia(), msgPath(GROUP, recentMessageId(ADA)), { [`reactions.${MIA}`]: '🙂' }),
    );
    it('reacting to a message deleted for everyone', async () => {
      const deleted = msgPath(GROUP, oldMessageId(ADA));
      await harness.seed({ [deleted]: { ...harness.worldDoc(deleted), ...DELETED_FOR_EVERYONE } });
      await expectDenied(update(mia(), deleted, { [`reactions.${MIA}`]: '👍' }));
      await expectAllowed(update(mia(), msgPath(GROUP, recentMessageId(ADA)), { [`reactions.${MIA}`]: '👍' }));
    });
  });

  describe('messages: who may send', () => {
    attack(
      'a stranger sending to a group whose id it guessed',
      () => set(harness.as(SAM), msgPath(GROUP, freshId()), newMessage(SAM)),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA)),
    );
    attack(
      'an unauthenticated send',
      () => set(harness.unauthenticated(), msgPath(GROUP, freshId()), newMessage(MIA)),
      () => set(mia(), msgPath(GROUP, freshId()), newMessage(MIA)),
    );
    attack(
      'a non-admin sending in an admins-only group',
      () => set(mia(), msgPath(ANNOUNCE, freshId()), newMessage(MIA)),
      () => set(ada(), msgPath(ANNOUNCE, freshId()), newMessage(ADA)),
    );
    it("a blocked user's send in the direct chat (allowed again once unblocked)", async () => {
      const blake = harness.as(BLAKE);
      await expectDenied(set(blake, msgPath(DIRECT, freshId()), newMessage(BLAKE)));
      await harness.seed({ [paths.block(MIA, BLAKE)]: null });
      await expectAllowed(set(blake, msgPath(DIRECT, freshId()), newMessage(BLAKE)));
    });
    it('a blocked user may still post in a shared group (blocks are per direct chat)', async () => {
      await expectDenied(set(harness.as(BLAKE), msgPath(DIRECT, freshId()), newMessage(BLAKE)));
      await expectAllowed(set(harness.as(BLAKE), msgPath(GROUP, freshId()), newMessage(BLAKE)));
    });
    it("a banned user's send with a still-valid token, refused the moment the ban exists", async () => {
      const bart = harness.as(BART);
      await expectDenied(set(bart, msgPath(GROUP, freshId()), newMessage(BART)));
      // Control: the same session, same token, once the ban document is gone.
      const ban = harness.worldDoc(paths.ban(BART));
      await harness.seed({ [paths.ban(BART)]: null });
      await expectAllowed(set(bart, msgPath(GROUP, freshId()), newMessage(BART)));
      // And the ban bites again at once, without any token refresh.
      await harness.seed({ [paths.ban(BART)]: ban });
      await expectDenied(set(bart, msgPath(GROUP, freshId()), newMessage(BART)));
    });
    it("a banned user's reaction and profile edit", async () => {
      const bart = harness.as(BART);
      await expectDenied(update(bart, msgPath(GROUP, recentMessageId(ADA)), { [`reactions.${BART}`]: '👍' }));
      await expectDenied(update(bart, paths.user(BART), { about: 'still here' }));
      await harness.seed({ [paths.ban(BART)]: null });
      await expectAllowed(update(bart, msgPath(GROUP, recentMessageId(ADA)), { [`reactions.${BART}`]: '👍' }));
      await expectAllowed(update(bart, paths.user(BART), { about: 'still here' }));
    });
    attack(
      "a former member's read of a message",
      () => read(harness.as(FRED), msgPath(GROUP, recentMessageId(FRED))),
      () => read(mia(), msgPath(GROUP, recentMessageId(FRED))),
    );
    attack(
      "a former member's edit of their own old message",
      () => update(harness.as(FRED), msgPath(GROUP, recentMessageId(FRED)), { text: 'rewritten', editedAt: serverTimestamp() }),
      () => update(mia(), msgPath(GROUP, recentMessageId(MIA)), { text: 'rewritten', editedAt: serverTimestamp() }),
    );
  });

  describe('chats and members: server-owned fields', () => {
    attack(
      "a member writing the chat's lastMessage",
      () => update(mia(), paths.chat(GROUP), { lastMessage: { id: 'x', senderId: MIA, type: 'text', preview: 'fake', sentAt: serverTimestamp(), seq: 9 } }),
      () => asServer((db) => updateDoc(doc(db, paths.chat(GROUP)), { lastMessage: null })),
    );
    attack(
      "a member writing the chat's seq",
      () => update(mia(), paths.chat(GROUP), { seq: 0 }),
      () => asServer((db) => updateDoc(doc(db, paths.chat(GROUP)), { seq: GROUP_SEQ })),
    );
    attack(
      'a member adding a friend to memberIds',
      () => update(mia(), paths.chat(GROUP), { memberIds: arrayUnion(SAM) }),
      () => asServer((db) => updateDoc(doc(db, paths.chat(GROUP)), { memberIds: arrayUnion(SAM) })),
    );
    attack(
      'a stranger adding itself to memberIds',
      () => update(harness.as(SAM), paths.chat(GROUP), { memberIds: arrayUnion(SAM) }),
      () => asServer((db) => updateDoc(doc(db, paths.chat(GROUP)), { memberIds: arrayUnion(SAM) })),
    );
    attack(
      'a stranger creating its own member document',
      () => set(harness.as(SAM), paths.member(GROUP, SAM), { uid: SAM, role: 'admin', joinedAt: serverTimestamp(), addedBy: null, readSeq: 0, deliveredSeq: 0, mutedUntil: null, archived: false, pinned: false }),
      () => asServer((db) => setDoc(doc(db, paths.member(GROUP, SAM)), { uid: SAM, role: 'member' })),
    );
    attack(
      'a member making itself admin via its own role',
      () => update(mia(), paths.member(GROUP, MIA), { role: 'admin' }),
      () => update(mia(), paths.member(GROUP, MIA), { pinned: true }),
    );
    attack(
      'a member rewriting joinedAt and addedBy',
      () => update(mia(), paths.member(GROUP, MIA), { joinedAt: serverTimestamp(), addedBy: ADA }),
      () => update(mia(), paths.member(GROUP, MIA), { archived: true, mutedUntil: Timestamp.fromMillis(Date.now() + 3_600_000) }),
    );
    attack(
      "a readSeq past the chat's latest message",
      () => update(mia(), paths.member(GROUP, MIA), { readSeq: GROUP_SEQ + 1 }),
      () => update(mia(), paths.member(GROUP, MIA), { readSeq: GROUP_SEQ }),
    );
    attack(
      "a deliveredSeq past the chat's latest message",
      () => update(mia(), paths.member(GROUP, MIA), { deliveredSeq: GROUP_SEQ + 1 }),
      () => update(mia(), paths.member(GROUP, MIA), { deliveredSeq: GROUP_SEQ }),
    );
    it('a public readSeq from a member who switched read receipts off (the private marker and deliveredSeq still move)', async () => {
      const receipts = (readReceipts: boolean) => ({ [paths.account(MIA)]: { ...harness.worldDoc(paths.account(MIA)), settings: { readReceipts, lastSeen: 'everyone' } } });
      await harness.seed(receipts(false));
      await expectDenied(update(mia(), paths.member(GROUP, MIA), { readSeq: 2 }));
      await expectAllowed(update(mia(), paths.member(GROUP, MIA), { deliveredSeq: 2 }));
      await expectAllowed(set(mia(), paths.readState(MIA, GROUP), { readSeq: 2, updatedAt: serverTimestamp() }));
      await harness.seed(receipts(true));
      await expectAllowed(update(mia(), paths.member(GROUP, MIA), { readSeq: 2 }));
    });
    it('a readSeq moving backwards', async () => {
      await harness.seed({ [paths.member(GROUP, MIA)]: { ...harness.worldDoc(paths.member(GROUP, MIA)), readSeq: 3 } });
      await expectDenied(update(mia(), paths.member(GROUP, MIA), { readSeq: 2 }));
      await expectAllowed(update(mia(), paths.member(GROUP, MIA), { readSeq: 3 }));
    });
    attack(
      'a fractional readSeq',
      () => update(mia(), paths.member(GROUP, MIA), { readSeq: 2.5 }),
      () => update(mia(), paths.member(GROUP, MIA), { readSeq: 2 }),
    );
    attack(
      "a private read marker past the chat's latest message",
      () => set(mia(), paths.readState(MIA, GROUP), { readSeq: GROUP_SEQ + 1, updatedAt: serverTimestamp() }),
      () => set(mia(), paths.readState(MIA, GROUP), { readSeq: GROUP_SEQ, updatedAt: serverTimestamp() }),
    );
    attack(
      'a private read marker moving backwards',
      () => set(mia(), paths.readState(MIA, GROUP), { readSeq: 0, updatedAt: serverTimestamp() }),
      () => set(mia(), paths.readState(MIA, GROUP), { readSeq: 1, updatedAt: serverTimestamp() }),
    );
    attack(
      'a private read marker with a client-clock updatedAt',
      () => set(mia(), paths.readState(MIA, GROUP), { readSeq: 2, updatedAt: skewedClock() }),
      () => set(mia(), paths.readState(MIA, GROUP), { readSeq: 2, updatedAt: serverTimestamp() }),
    );
    attack(
      "a former member's private read marker for the chat it left",
      () => set(harness.as(FRED), paths.readState(FRED, GROUP), { readSeq: 2, updatedAt: serverTimestamp() }),
      () => set(mia(), paths.readState(MIA, GROUP), { readSeq: 2, updatedAt: serverTimestamp() }),
    );
  });

  describe('queries: rules are not filters', () => {
    const chats = (db: Firestore) => collection(db, 'chats');
    attack(
      'listing chats without a membership-proving query',
      () => list(query(chats(mia()), orderBy('lastMessageAt', 'desc'), limit(50))),
      () => list(query(chats(mia()), where('memberIds', 'array-contains', MIA), orderBy('lastMessageAt', 'desc'), limit(50))),
    );
    attack(
      "listing chats by someone else's uid",
      () => list(query(chats(mia()), where('memberIds', 'array-contains', ADA), limit(50))),
      () => list(query(chats(mia()), where('memberIds', 'array-contains', MIA), limit(50))),
    );
    attack(
      'listing chats without a limit',
      () => list(query(chats(mia()), where('memberIds', 'array-contains', MIA))),
      () => list(query(chats(mia()), where('memberIds', 'array-contains', MIA), limit(MAX_PAGE_SIZE))),
    );
    attack(
      'listing messages without a limit',
      () => list(query(collection(mia(), paths.messages(GROUP)), orderBy('seq', 'desc'))),
      () => list(query(collection(mia(), paths.messages(GROUP)), orderBy('seq', 'desc'), limit(MAX_PAGE_SIZE))),
    );
    attack(
      `listing messages with a limit over ${MAX_PAGE_SIZE}`,
      () => list(query(collection(mia(), paths.messages(GROUP)), limit(MAX_PAGE_SIZE + 1))),
      () => list(query(collection(mia(), paths.messages(GROUP)), limit(MAX_PAGE_SIZE))),
    );
    attack(
      'listing messages of a chat one is not in',
      () => list(query(collection(harness.as(SAM), paths.messages(GROUP)), limit(10))),
      () => list(query(collection(mia(), paths.messages(GROUP)), limit(10))),
    );
    attack(
      'a collection-group query for messages across chats',
      () => list(query(collectionGroup(mia(), 'messages'), where('senderId', '==', MIA), limit(10))),
      () => list(query(collection(mia(), paths.messages(GROUP)), where('senderId', '==', MIA), limit(10))),
    );
    attack(
      'a collection-group query for member documents',
      () => list(query(collectionGroup(mia(), 'members'), where('uid', '==', MIA), limit(10))),
      () => list(query(collection(mia(), paths.members(GROUP)), where('uid', '==', MIA), limit(10))),
    );
    attack(
      'searching profiles without a limit',
      () => list(query(collection(mia(), 'users'), where('displayNameLower', '>=', 'a'))),
      () => list(query(collection(mia(), 'users'), where('displayNameLower', '>=', 'a'), limit(20))),
    );
    attack(
      "listing someone else's scheduled messages",
      () => list(query(collection(mia(), 'scheduledMessages'), where('senderId', '==', ADA), limit(10))),
      () => list(query(collection(mia(), 'scheduledMessages'), where('senderId', '==', MIA), limit(10))),
    );
  });

  describe('private and server-only data', () => {
    const serverRead = (path: string) => () => asServer((db) => getDoc(doc(db, path)));
    attack('reading authCodes', () => read(mia(), 'authCodes/code-1'), serverRead('authCodes/code-1'));
    attack('reading rateLimits', () => read(mia(), 'rateLimits/rate-1'), serverRead('rateLimits/rate-1'));
    attack('a banned user reading its own ban', () => read(harness.as(BART), paths.ban(BART)), serverRead(paths.ban(BART)));
    attack('reading an invite link code', () => read(mia(), 'inviteLinks/invite-1'), serverRead('inviteLinks/invite-1'));
    attack(
      "reading another user's private account",
      () => read(ada(), paths.account(MIA)),
      () => read(mia(), paths.account(MIA)),
    );
    attack(
      "listing another user's devices",
      () => list(query(collection(ada(), paths.devices(MIA)), limit(10))),
      () => list(query(collection(mia(), paths.devices(MIA)), limit(10))),
    );
    attack(
      "reading another user's device token",
      () => read(ada(), paths.device(MIA, SEEDED_DEVICE)),
      () => read(mia(), paths.device(MIA, SEEDED_DEVICE)),
    );
    attack(
      "a blocked user checking the blocker's block list",
      () => read(harness.as(BLAKE), paths.block(MIA, BLAKE)),
      () => read(mia(), paths.block(MIA, BLAKE)),
    );
    attack(
      "a blocked user removing the block from the blocker's list",
      () => remove(harness.as(BLAKE), paths.block(MIA, BLAKE)),
      () => remove(mia(), paths.block(MIA, BLAKE)),
    );
  });

  describe('profiles, account, devices, blocks', () => {
    attack(
      'an unknown extra key on a profile update',
      () => update(mia(), paths.user(MIA), { about: 'hi', verified: true }),
      () => update(mia(), paths.user(MIA), { about: 'hi' }),
    );
    attack(
      'a displayNameLower that does not match displayName',
      () => update(mia(), paths.user(MIA), { displayName: 'Mia Rose', displayNameLower: 'admin' }),
      () => update(mia(), paths.user(MIA), { displayName: 'Mia Rose', displayNameLower: 'mia rose' }),
    );
    attack(
      'a search key alone that does not match the stored name',
      () => update(mia(), paths.user(MIA), { displayNameLower: 'admin' }),
      () => update(mia(), paths.user(MIA), { displayName: 'Admin', displayNameLower: 'admin' }),
    );
    attack(
      'a display name over 64 characters',
      () => update(mia(), paths.user(MIA), { displayName: 'M'.repeat(65), displayNameLower: 'm'.repeat(65) }),
      () => update(mia(), paths.user(MIA), { displayName: 'M'.repeat(64), displayNameLower: 'm'.repeat(64) }),
    );
    attack(
      'an about text over 140 characters',
      () => update(mia(), paths.user(MIA), { about: 'a'.repeat(141) }),
      () => update(mia(), paths.user(MIA), { about: 'a'.repeat(140) }),
    );
    attack(
      'a non-http photoURL',
      () => update(mia(), paths.user(MIA), { photoURL: 'javascript:alert(1)' }),
      () => update(mia(), paths.user(MIA), { photoURL: 'https://example.com/me.png' }),
    );
    attack(
      'an owner writing the server-owned online/lastSeenAt',
      () => update(mia(), paths.user(MIA), { online: true, lastSeenAt: serverTimestamp() }),
      () => asServer((db) => updateDoc(doc(db, paths.user(MIA)), { online: true, lastSeenAt: serverTimestamp() })),
    );
    attack(
      'an account update that changes the verified email',
      () => update(mia(), paths.account(MIA), { email: 'attacker@evil.test', settings: { readReceipts: false, lastSeen: 'nobody' } }),
      () => update(mia(), paths.account(MIA), { settings: { readReceipts: false, lastSeen: 'nobody' } }),
    );
    attack(
      'account settings with an unknown key',
      () => update(mia(), paths.account(MIA), { settings: { readReceipts: false, lastSeen: 'nobody', ghostMode: true } }),
      () => update(mia(), paths.account(MIA), { settings: { readReceipts: false, lastSeen: 'everyone' } }),
    );
    attack(
      'a device registered with a client-clock updatedAt',
      () => set(mia(), paths.device(MIA, 'tablet'), { token: 't', platform: 'web', updatedAt: skewedClock() }),
      () => set(mia(), paths.device(MIA, 'tablet'), { token: 't', platform: 'web', updatedAt: serverTimestamp() }),
    );
    attack(
      'a device with an unknown platform',
      () => set(mia(), paths.device(MIA, 'tablet'), { token: 't', platform: 'symbian', updatedAt: serverTimestamp() }),
      () => set(mia(), paths.device(MIA, 'tablet'), { token: 't', platform: 'ios', updatedAt: serverTimestamp() }),
    );
    attack(
      'blocking oneself',
      () => set(mia(), paths.block(MIA, MIA), { createdAt: serverTimestamp() }),
      () => set(mia(), paths.block(MIA, ADA), { createdAt: serverTimestamp() }),
    );
  });

  describe('reports and staff', () => {
    const report = (reporterId: string, extra: DocumentData = {}) => ({
      reporterId,
      target: { type: 'user', uid: OUTSIDER },
      reason: 'spam',
      status: 'open',
      createdAt: serverTimestamp(),
      ...extra,
    });
    attack(
      "a report filed in someone else's name",
      () => set(mia(), paths.report(freshId()), report(ADA)),
      () => set(mia(), paths.report(freshId()), report(MIA)),
    );
    attack(
      'a report created already actioned',
      () => set(mia(), paths.report(freshId()), report(MIA, { status: 'actioned' })),
      () => set(mia(), paths.report(freshId()), report(MIA, { status: 'open' })),
    );
    attack(
      'a report carrying forged evidence',
      () => set(mia(), paths.report(freshId()), report(MIA, { evidence: { text: 'made up' } })),
      () => set(mia(), paths.report(freshId()), report(MIA)),
    );
    attack(
      'reporting a message in a chat the reporter is not in',
      () => set(harness.as(SAM), paths.report(freshId()), report(SAM, { target: { type: 'message', chatId: GROUP, messageId: recentMessageId(ADA) } })),
      () => set(mia(), paths.report(freshId()), report(MIA, { target: { type: 'message', chatId: GROUP, messageId: recentMessageId(ADA) } })),
    );
    attack(
      'reporting a message id Firestore reserves (it would crash the evidence trigger)',
      () => set(mia(), paths.report(freshId()), report(MIA, { target: { type: 'message', chatId: GROUP, messageId: '__x__' } })),
      () => set(mia(), paths.report(freshId()), report(MIA, { target: { type: 'message', chatId: GROUP, messageId: recentMessageId(ADA) } })),
    );
    attack(
      'reporting a user id Firestore reserves',
      () => set(mia(), paths.report(freshId()), report(MIA, { target: { type: 'user', uid: '__proto__' } })),
      () => set(mia(), paths.report(freshId()), report(MIA, { target: { type: 'user', uid: OUTSIDER } })),
    );
    attack(
      'reporting a message in a chat id of two dots',
      () => set(mia(), paths.report(freshId()), report(MIA, { target: { type: 'message', chatId: '..', messageId: recentMessageId(ADA) } })),
      () => set(mia(), paths.report(freshId()), report(MIA, { target: { type: 'message', chatId: GROUP, messageId: recentMessageId(ADA) } })),
    );
    attack(
      'reporting oneself',
      () => set(mia(), paths.report(freshId()), report(MIA, { target: { type: 'user', uid: MIA } })),
      () => set(mia(), paths.report(freshId()), report(MIA, { target: { type: 'user', uid: OUTSIDER } })),
    );
    attack(
      'the reporter reading back its report',
      () => read(mia(), paths.report(SEEDED_REPORT)),
      () => read(staff(), paths.report(SEEDED_REPORT)),
    );
    attack(
      'the reporter editing its report',
      () => update(mia(), paths.report(SEEDED_REPORT), { reason: 'changed my mind' }),
      () => asServer((db) => updateDoc(doc(db, paths.report(SEEDED_REPORT)), { reason: 'changed my mind' })),
    );
    attack(
      'a forged role claim (superadmin) reading reports',
      () => list(query(collection(harness.as(SAM, { role: 'superadmin' }), 'reports'), limit(10))),
      () => list(query(collection(harness.as(SAM, { role: 'admin' }), 'reports'), limit(10))),
    );
    attack(
      'a staff report list without a limit',
      () => list(query(collection(staff(), 'reports'), where('status', '==', 'open'))),
      () => list(query(collection(staff(), 'reports'), where('status', '==', 'open'), limit(MAX_PAGE_SIZE))),
    );
    attack(
      'staff reading chat messages (staff see reports, not chats)',
      () => read(staff(), msgPath(GROUP, recentMessageId(ADA))),
      () => read(mia(), msgPath(GROUP, recentMessageId(ADA))),
    );
    const scheduled = () => ({ senderId: MIA, chatId: GROUP, text: 'x', sendAt: Timestamp.now(), status: 'pending', createdAt: serverTimestamp() });
    attack(
      'scheduling a message directly instead of through the callable',
      () => set(mia(), paths.scheduledMessage('direct-schedule'), scheduled()),
      () => asServer((db) => setDoc(doc(db, paths.scheduledMessage('direct-schedule')), scheduled())),
    );
  });

  describe('polls: the poll message and its votes', () => {
    const poll = (options: unknown, extra: DocumentData = {}) => newMessage(MIA, { type: 'poll', text: 'Lunch?', poll: { options, multiple: false, ...extra } });
    const two = ['Pizza', 'Sushi'];
    const startPoll = (data: DocumentData) => set(mia(), msgPath(GROUP, freshId()), data);
    const vote = (choices: unknown, extra: DocumentData = {}) => ({ choices, updatedAt: serverTimestamp(), ...extra });
    const voteIn = (pollId: string) => paths.pollVote(GROUP, pollId, MIA);

    attack('a poll with one option', () => startPoll(poll(['Pizza'])), () => startPoll(poll(two)));
    attack(
      'a poll with 13 options',
      () => startPoll(poll(Array.from({ length: 13 }, (_, i) => `option ${i}`))),
      () => startPoll(poll(Array.from({ length: 12 }, (_, i) => `option ${i}`))),
    );
    attack('a poll repeating an option', () => startPoll(poll(['Pizza', 'Pizza'])), () => startPoll(poll(two)));
    attack('a poll option of 101 characters', () => startPoll(poll(['x'.repeat(101), 'y'])), () => startPoll(poll(['x'.repeat(100), 'y'])));
    attack('a poll option with a line break', () => startPoll(poll(['Piz\nza', 'Sushi'])), () => startPoll(poll(two)));
    attack('a poll option that is not a string', () => startPoll(poll([1, 'Sushi'])), () => startPoll(poll(['1', 'Sushi'])));
    attack('poll options that are not a list', () => startPoll(poll('Pizza, Sushi')), () => startPoll(poll(two)));
    attack('an unknown key in a poll', () => startPoll(poll(two, { anonymous: true })), () => startPoll(poll(two)));
    attack('a poll whose `multiple` is not a boolean', () => startPoll(poll(two, { multiple: 'yes' })), () => startPoll(poll(two, { multiple: true })));
    attack(
      'a poll question of 257 characters',
      () => startPoll({ ...poll(two), text: 'q'.repeat(257) }),
      () => startPoll({ ...poll(two), text: 'q'.repeat(256) }),
    );
    attack('a blank poll question', () => startPoll({ ...poll(two), text: '   ' }), () => startPoll({ ...poll(two), text: 'Lunch?' }));
    attack(
      'a poll carrying media',
      () => {
        const id = freshId();
        return set(mia(), msgPath(GROUP, id), { ...poll(two), media: image(GROUP, id) });
      },
      () => startPoll(poll(two)),
    );
    attack('a text message carrying a poll', () => startPoll({ ...poll(two), type: 'text' }), () => startPoll(poll(two)));
    attack(
      'a poll message without its poll',
      () => startPoll(newMessage(MIA, { type: 'poll', text: 'Lunch?' })),
      () => startPoll(poll(two)),
    );
    attack(
      "editing a poll's question to nothing",
      () => update(ada(), msgPath(GROUP, POLL_ID), { text: ' ', editedAt: serverTimestamp() }),
      () => update(ada(), msgPath(GROUP, POLL_ID), { text: 'Lunch today?', editedAt: serverTimestamp() }),
    );
    attack(
      "editing a poll's question past 256 characters",
      () => update(ada(), msgPath(GROUP, POLL_ID), { text: 'q'.repeat(257), editedAt: serverTimestamp() }),
      () => update(ada(), msgPath(GROUP, POLL_ID), { text: 'q'.repeat(256), editedAt: serverTimestamp() }),
    );
    attack(
      "changing a poll's options after the fact",
      () => update(ada(), msgPath(GROUP, POLL_ID), { 'poll.options': ['Pizza', 'Sushi', 'Tacos', 'Ramen'] }),
      () => update(ada(), msgPath(GROUP, POLL_ID), { text: 'Lunch, really?', editedAt: serverTimestamp() }),
    );
    attack(
      'deleting a poll for everyone but keeping its options',
      () => update(ada(), msgPath(GROUP, POLL_ID), { ...DELETED_FOR_EVERYONE }),
      () => update(ada(), msgPath(GROUP, POLL_ID), { ...POLL_DELETED_FOR_EVERYONE }),
    );
    attack('a vote for an option the poll does not have', () => set(mia(), voteIn(POLL_ID), vote(['Ramen'])), () => set(mia(), voteIn(POLL_ID), vote(['Tacos'])));
    attack('two choices in a single-choice poll', () => set(mia(), voteIn(POLL_ID), vote(['Pizza', 'Sushi'])), () => set(mia(), voteIn(MULTI_POLL_ID), vote(['Pizza', 'Sushi'])));
    attack('the same option twice', () => set(mia(), voteIn(MULTI_POLL_ID), vote(['Pizza', 'Pizza'])), () => set(mia(), voteIn(MULTI_POLL_ID), vote(['Pizza'])));
    attack('an empty vote', () => set(mia(), voteIn(POLL_ID), vote([])), () => set(mia(), voteIn(POLL_ID), vote(['Pizza'])));
    attack('choices that are not a list', () => set(mia(), voteIn(POLL_ID), vote('Pizza')), () => set(mia(), voteIn(POLL_ID), vote(['Pizza'])));
    attack('an unknown key on a vote', () => set(mia(), voteIn(POLL_ID), vote(['Pizza'], { weight: 100 })), () => set(mia(), voteIn(POLL_ID), vote(['Pizza'])));
    attack(
      'a client-clock updatedAt on a vote',
      () => set(mia(), voteIn(POLL_ID), vote(['Pizza'], { updatedAt: skewedClock() })),
      () => set(mia(), voteIn(POLL_ID), vote(['Pizza'])),
    );
    attack(
      'a vote on a message that is not a poll',
      () => set(mia(), paths.pollVote(GROUP, recentMessageId(ADA), MIA), vote(['Pizza'])),
      () => set(mia(), voteIn(POLL_ID), vote(['Pizza'])),
    );
    attack('a vote on a poll deleted for everyone', () => set(mia(), voteIn(DELETED_POLL_ID), vote(['Pizza'])), () => set(mia(), voteIn(POLL_ID), vote(['Pizza'])));
    attack(
      'reading the votes of a poll deleted for everyone',
      () => list(query(collection(mia(), paths.pollVotes(GROUP, DELETED_POLL_ID)), limit(10))),
      () => list(query(collection(mia(), paths.pollVotes(GROUP, POLL_ID)), limit(10))),
    );
    attack(
      "voting under another member's uid",
      () => set(mia(), paths.pollVote(GROUP, POLL_ID, BLAKE), vote(['Pizza'])),
      () => set(harness.as(BLAKE), paths.pollVote(GROUP, POLL_ID, BLAKE), vote(['Pizza'])),
    );
  });
}
