/**
 * Demo data for local runs: four users (password `natter-demo`), a direct chat and a group with
 * messages. Idempotent: fixed ids and full overwrites, so seeding twice gives the same state.
 * Messages are written already sequenced, so the message trigger treats them as processed. Where
 * the Realtime Database runs, the chats' `/chatMembers` mirror is written too (the membership
 * callables keep it for chats made through them), or typing and `/viewing` would be refused.
 */
import type { Auth } from 'firebase-admin/auth';
import type { Database } from 'firebase-admin/database';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import {
  DEFAULT_ACCOUNT_SETTINGS,
  DEFAULT_CHAT_SETTINGS,
  directChatId,
  messagePreview,
  paths,
  rtdbPaths,
  type Account,
  type Chat,
  type Member,
  type Message,
  type UserProfile,
} from '@natter/model';
import { DEMO_GROUP_ID, DEMO_GROUP_NAME, DEMO_PASSWORD, DEMO_USERS } from '@natter/model/demo';

type DemoUid = (typeof DEMO_USERS)[number]['uid'];
const [ana, ben, cai] = ['demo-ana', 'demo-ben', 'demo-cai'] as const satisfies DemoUid[];

const CONVERSATIONS: { chatId: string; endedMinutesAgo: number; lines: [DemoUid, string][] }[] = [
  {
    chatId: directChatId(ana, ben),
    endedMinutesAgo: 90,
    lines: [
      [ana, 'Hey Ben! Are we still on for Saturday?'],
      [ben, 'Yes! 10am at the park?'],
      [ana, 'Perfect, see you there 🚲'],
    ],
  },
  {
    chatId: DEMO_GROUP_ID,
    endedMinutesAgo: 5,
    lines: [
      [cai, 'Who is in for a hike on Sunday?'],
      [ana, 'Me!'],
      [ben, 'Count me in, I will bring snacks.'],
    ],
  },
];

const CHATS: { conversation: (typeof CONVERSATIONS)[number]; type: Chat['type']; memberIds: DemoUid[] }[] = [
  { conversation: CONVERSATIONS[0]!, type: 'direct', memberIds: [ana, ben] },
  { conversation: CONVERSATIONS[1]!, type: 'group', memberIds: [cai, ana, ben] },
];

export interface SeedOptions {
  now?: number;
  /** The Realtime Database, where it runs: gets the chats' membership mirror. */
  rtdb?: Database | null;
}

export async function seedDemoData(db: Firestore, auth: Auth, { now = Date.now(), rtdb = null }: SeedOptions = {}): Promise<void> {
  await Promise.all(DEMO_USERS.map((user) => seedUser(db, auth, user, now)));
  for (const { conversation, type, memberIds } of CHATS) await seedChat(db, conversation, type, memberIds, now);
  if (rtdb) await rtdb.ref().update(membershipMirror());
}

/** `/chatMembers/{chatId}/{uid}: true` for every demo chat member, as one multi-path update. */
function membershipMirror(): Record<string, true> {
  const update: Record<string, true> = {};
  for (const { conversation, memberIds } of CHATS) {
    for (const uid of memberIds) update[rtdbPaths.chatMember(conversation.chatId, uid)] = true;
  }
  return update;
}

async function seedUser(db: Firestore, auth: Auth, user: (typeof DEMO_USERS)[number], now: number): Promise<void> {
  const exists = await auth.getUser(user.uid).then(() => true, () => false);
  if (!exists) {
    await auth.createUser({ uid: user.uid, email: user.email, password: DEMO_PASSWORD, displayName: user.displayName, emailVerified: true });
  }
  if ('staffRole' in user) await auth.setCustomUserClaims(user.uid, { role: user.staffRole });
  const createdAt = Timestamp.fromMillis(now - 7 * 86_400_000);
  const profile: UserProfile = {
    uid: user.uid,
    displayName: user.displayName,
    displayNameLower: user.displayName.toLowerCase(),
    photoURL: null,
    about: user.about,
    createdAt,
    online: false,
    lastSeenAt: Timestamp.fromMillis(now - 3_600_000),
  };
  const account: Account = { email: user.email, emailVerified: true, settings: DEFAULT_ACCOUNT_SETTINGS, createdAt };
  await Promise.all([db.doc(paths.user(user.uid)).set(profile), db.doc(paths.account(user.uid)).set(account)]);
}

async function seedChat(
  db: Firestore,
  conversation: (typeof CONVERSATIONS)[number],
  type: Chat['type'],
  memberIds: DemoUid[],
  now: number,
): Promise<void> {
  const { chatId, lines, endedMinutesAgo } = conversation;
  const creator = memberIds[0]!;
  const batch = db.batch();
  let lastMessage: Chat['lastMessage'] = null;
  lines.forEach(([senderId, text], index) => {
    const seq = index + 1;
    const createdAt = Timestamp.fromMillis(now - (endedMinutesAgo + lines.length - 1 - index) * 60_000);
    const messageId = `seed-${seq}`;
    const message: Message = { senderId, type: 'text', text, createdAt, seq, reactions: {} };
    batch.set(db.doc(paths.message(chatId, messageId)), message);
    lastMessage = { id: messageId, senderId, type: 'text', preview: messagePreview(message), sentAt: createdAt, seq };
  });
  const chat: Chat = {
    type,
    memberIds,
    adminIds: type === 'group' ? [creator] : [],
    name: type === 'group' ? DEMO_GROUP_NAME : null,
    description: '',
    photoURL: null,
    createdBy: creator,
    createdAt: Timestamp.fromMillis(now - 86_400_000),
    lastMessage,
    lastMessageAt: lastMessage ? (lastMessage as NonNullable<Chat['lastMessage']>).sentAt : null,
    seq: lines.length,
    settings: DEFAULT_CHAT_SETTINGS,
  };
  batch.set(db.doc(paths.chat(chatId)), chat);
  for (const uid of memberIds) {
    // Everyone has read up to their own last message; later messages stay unread.
    const ownLast = lines.reduce((last, [sender], i) => (sender === uid ? i + 1 : last), 0);
    const member: Member = {
      uid,
      role: type === 'group' && uid === creator ? 'admin' : 'member',
      joinedAt: chat.createdAt,
      addedBy: uid === creator ? null : creator,
      readSeq: ownLast,
      deliveredSeq: lines.length,
      mutedUntil: null,
      archived: false,
      pinned: false,
    };
    batch.set(db.doc(paths.member(chatId, uid)), member);
  }
  await batch.commit();
}
