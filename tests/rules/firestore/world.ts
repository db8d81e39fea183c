/**
 * The fixture world every Firestore rules test starts from: who the actors are and what is in the
 * database. Pure data (documents by path), built relative to a clock so edit and delete windows
 * are exact; the test files write it with rules disabled.
 */
import { Timestamp } from 'firebase/firestore';
import {
  DEFAULT_ACCOUNT_SETTINGS,
  DEFAULT_CHAT_SETTINGS,
  directChatId,
  paths,
  type Account,
  type Ban,
  type Chat,
  type Member,
  type Message,
  type ScheduledMessage,
  type UserProfile,
} from '@natter/model';

/** The matrix columns, in table order. */
export const ACTORS = [
  'unauthenticated',
  'stranger',
  'member',
  'groupAdmin',
  'formerMember',
  'blockedUser',
  'bannedUser',
  'staff',
] as const;
export type Actor = (typeof ACTORS)[number];
export type SignedInActor = Exclude<Actor, 'unauthenticated'>;

/** Each signed-in actor's uid. */
export const UID = {
  stranger: 'sam',
  member: 'mia',
  groupAdmin: 'ada',
  formerMember: 'fred',
  blockedUser: 'blake',
  bannedUser: 'bart',
  staff: 'stella',
} as const satisfies Record<SignedInActor, string>;

/** Custom claims per actor: only staff carries one (a moderator). */
export const CLAIMS: Partial<Record<SignedInActor, Record<string, string>>> = { staff: { role: 'moderator' } };

/** A user outside every chat, used as a report and block target. */
export const OUTSIDER = 'troll';

/**
 * - GROUP: ada (admin), mia, blake and bart (banned) are members; fred left (his member document
 *   and old messages stay behind, as after a leave). Open to all members' messages.
 * - ANNOUNCE: an admins-only group of ada (admin) and mia.
 * - DIRECT: mia and blake; mia has blocked blake.
 */
export const GROUP = 'group-1';
export const ANNOUNCE = 'group-announce';
export const DIRECT = directChatId(UID.member, UID.blockedUser);
export const GROUP_SEQ = 5;

export const ALL_UIDS = [...Object.values(UID), OUTSIDER];

/** Message ids seeded in GROUP for every uid: sent 2 minutes ago and 2 hours ago. */
export const recentMessageId = (uid: string) => `msg-${uid}-recent`;
export const oldMessageId = (uid: string) => `msg-${uid}-old`;
/** Mia's message sent 16 minutes ago (just past the 15-minute edit window). */
export const PAST_EDIT_WINDOW_ID = 'msg-mia-16min';
/** Mia's message sent 61 hours ago (past the 60-hour delete-for-everyone window). */
export const PAST_DELETE_WINDOW_ID = 'msg-mia-61h';
/** Ada's single-choice poll in GROUP, sent 2 minutes ago; every uid has a vote in it (strangers' stand for spoofed leftovers). */
export const POLL_ID = 'poll-lunch';
export const POLL_OPTIONS = ['Pizza', 'Sushi', 'Tacos'];
/** Ada's poll that allows several choices, and one she deleted for everyone (options gone). */
export const MULTI_POLL_ID = 'poll-multi';
export const DELETED_POLL_ID = 'poll-deleted';
export const SEEDED_DEVICE = 'phone';
export const SEEDED_REPORT = 'report-1';
export const scheduledId = (uid: string) => `sched-${uid}`;

/** Server-only collections and the one document each holds in the world. */
export const SERVER_ONLY = {
  bans: UID.bannedUser,
  authCodes: 'code-1',
  rateLimits: 'rate-1',
  inviteLinks: 'invite-1',
  auditLog: 'audit-1',
  jobs: 'job-1',
  deadLetters: 'dead-1',
  stats: '2026-01-01',
} as const;

export type DocData = Record<string, unknown>;

const MINUTE = 60_000;

function profile(uid: string, at: Timestamp): UserProfile {
  const displayName = uid[0]!.toUpperCase() + uid.slice(1);
  return { uid, displayName, displayNameLower: displayName.toLowerCase(), photoURL: null, about: '', createdAt: at, online: false, lastSeenAt: null };
}

function chat(type: Chat['type'], memberIds: string[], adminIds: string[], seq: number, at: Timestamp, onlyAdminsCanSend = false): Chat {
  return {
    type,
    memberIds,
    adminIds,
    name: type === 'group' ? 'A group' : null,
    description: '',
    photoURL: null,
    createdBy: memberIds[0]!,
    createdAt: at,
    lastMessage: null,
    lastMessageAt: at,
    seq,
    settings: { ...DEFAULT_CHAT_SETTINGS, onlyAdminsCanSend },
  };
}

function member(uid: string, role: Member['role'], at: Timestamp): Member {
  return { uid, role, joinedAt: at, addedBy: null, readSeq: 1, deliveredSeq: 1, mutedUntil: null, archived: false, pinned: false };
}

function message(senderId: string, createdAt: Timestamp, seq: number): Message {
  return { senderId, type: 'text', text: `hello from ${senderId}`, createdAt, seq, reactions: {} };
}

/** Every document of the world, by path, with times relative to `nowMs`. */
export function worldDocs(nowMs: number): Map<string, DocData> {
  const at = (msAgo: number) => Timestamp.fromMillis(nowMs - msAgo);
  const long = at(30 * 24 * 60 * MINUTE);
  const docs = new Map<string, DocData>();
  const put = (path: string, data: object) => docs.set(path, { ...data });

  for (const uid of ALL_UIDS) {
    put(paths.user(uid), profile(uid, long));
    const account: Account = { email: `${uid}@natter.test`, emailVerified: true, settings: DEFAULT_ACCOUNT_SETTINGS, createdAt: long };
    put(paths.account(uid), account);
    put(paths.device(uid, SEEDED_DEVICE), { token: `token-${uid}`, platform: 'web', updatedAt: long });
    put(paths.block(uid, OUTSIDER === uid ? UID.stranger : OUTSIDER), { createdAt: long });
    put(paths.readState(uid, GROUP), { readSeq: 1, updatedAt: long });
    const scheduled: ScheduledMessage = {
      senderId: uid,
      chatId: GROUP,
      text: 'later',
      sendAt: Timestamp.fromMillis(nowMs + 60 * MINUTE),
      status: 'pending',
      createdAt: long,
    };
    put(paths.scheduledMessage(scheduledId(uid)), scheduled);
  }
  put(paths.block(UID.member, UID.blockedUser), { createdAt: long });

  put(paths.chat(GROUP), chat('group', [UID.groupAdmin, UID.member, UID.blockedUser, UID.bannedUser], [UID.groupAdmin], GROUP_SEQ, long));
  put(paths.chat(ANNOUNCE), chat('group', [UID.groupAdmin, UID.member], [UID.groupAdmin], 0, long, true));
  put(paths.chat(DIRECT), chat('direct', [UID.blockedUser, UID.member], [], 2, long));

  for (const uid of [UID.groupAdmin, UID.member, UID.blockedUser, UID.bannedUser, UID.formerMember]) {
    put(paths.member(GROUP, uid), member(uid, uid === UID.groupAdmin ? 'admin' : 'member', long));
  }
  put(paths.member(ANNOUNCE, UID.groupAdmin), member(UID.groupAdmin, 'admin', long));
  put(paths.member(ANNOUNCE, UID.member), member(UID.member, 'member', long));
  put(paths.member(DIRECT, UID.member), member(UID.member, 'member', long));
  put(paths.member(DIRECT, UID.blockedUser), member(UID.blockedUser, 'member', long));

  // Every uid has a recent and an old message in GROUP (strangers' stand for spoofed leftovers).
  for (const uid of ALL_UIDS) {
    put(paths.message(GROUP, recentMessageId(uid)), message(uid, at(2 * MINUTE), 1));
    put(paths.message(GROUP, oldMessageId(uid)), message(uid, at(120 * MINUTE), 1));
  }
  put(paths.message(GROUP, PAST_EDIT_WINDOW_ID), message(UID.member, at(16 * MINUTE), 2));
  put(paths.message(GROUP, PAST_DELETE_WINDOW_ID), message(UID.member, at(61 * 60 * MINUTE), 3));
  put(paths.message(DIRECT, recentMessageId(UID.member)), message(UID.member, at(2 * MINUTE), 1));
  put(paths.message(DIRECT, recentMessageId(UID.blockedUser)), message(UID.blockedUser, at(2 * MINUTE), 2));
  const poll = (multiple: boolean) => ({ ...message(UID.groupAdmin, at(2 * MINUTE), 4), type: 'poll', text: 'Lunch?', poll: { options: POLL_OPTIONS, multiple } });
  put(paths.message(GROUP, POLL_ID), poll(false));
  put(paths.message(GROUP, MULTI_POLL_ID), poll(true));
  put(paths.message(GROUP, DELETED_POLL_ID), { ...poll(false), text: '', poll: null, media: null, deletedForEveryone: true });
  for (const uid of ALL_UIDS) {
    put(paths.pollVote(GROUP, POLL_ID, uid), { choices: ['Pizza'], updatedAt: long });
    put(paths.pollVote(GROUP, DELETED_POLL_ID, uid), { choices: ['Pizza'], updatedAt: long });
  }

  put(paths.report(SEEDED_REPORT), {
    reporterId: UID.member,
    target: { type: 'user', uid: OUTSIDER },
    reason: 'spam',
    status: 'open',
    createdAt: long,
  });
  for (const [collection, id] of Object.entries(SERVER_ONLY)) put(`${collection}/${id}`, { createdAt: long, note: 'server' });
  const ban: Ban = { reason: 'abuse', bannedBy: UID.staff, createdAt: long, until: null };
  put(paths.ban(UID.bannedUser), ban);
  return docs;
}
