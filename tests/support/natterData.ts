/**
 * Natter documents for admin and moderation tests, written with the Admin SDK in the shapes the
 * model defines: users (Auth account, profile, account, devices, blocks), chats with members and
 * already-sequenced messages (so the message trigger leaves them alone), and daily stats.
 */
import { Timestamp } from 'firebase-admin/firestore';
import {
  DEFAULT_ACCOUNT_SETTINGS,
  DEFAULT_CHAT_SETTINGS,
  paths,
  type Account,
  type Chat,
  type Member,
  type Message,
  type UserProfile,
} from '@natter/model';
import { adminAuth, adminDb } from './admin.ts';

export interface SeedUserOptions {
  displayName?: string;
  role?: 'admin' | 'moderator';
  devices?: number;
  blocked?: string[];
  /** Create the Auth account (default) or only the Firestore documents. */
  auth?: boolean;
}

export async function seedUser(uid: string, options: SeedUserOptions = {}): Promise<{ uid: string; email: string; displayName: string }> {
  const email = `${uid}@natter.test`.toLowerCase();
  const displayName = options.displayName ?? `User ${uid}`;
  if (options.auth !== false) {
    await adminAuth.getUser(uid).catch(() => adminAuth.createUser({ uid, email, emailVerified: true, displayName }));
    await adminAuth.setCustomUserClaims(uid, options.role ? { role: options.role } : {});
  }
  const createdAt = Timestamp.fromMillis(Date.now() - 86_400_000);
  const profile: UserProfile = {
    uid,
    displayName,
    displayNameLower: displayName.toLowerCase(),
    photoURL: null,
    about: `About ${displayName}`,
    createdAt,
    online: false,
    lastSeenAt: null,
  };
  const account: Account = { email, emailVerified: true, settings: DEFAULT_ACCOUNT_SETTINGS, createdAt };
  const batch = adminDb.batch();
  batch.set(adminDb.doc(paths.user(uid)), profile);
  batch.set(adminDb.doc(paths.account(uid)), account);
  for (let i = 0; i < (options.devices ?? 0); i++) {
    batch.set(adminDb.doc(paths.device(uid, `device-${i}`)), { token: `token-${uid}-${i}`, platform: 'web', updatedAt: createdAt });
  }
  for (const other of options.blocked ?? []) batch.set(adminDb.doc(paths.block(uid, other)), { createdAt });
  await batch.commit();
  return { uid, email, displayName };
}

export interface SeedChatOptions {
  type?: Chat['type'];
  name?: string | null;
  /** [senderId, text] in order; message ids are `m1`, `m2`, ... one second apart. */
  messages?: [string, string][];
}

export async function seedChat(chatId: string, memberIds: string[], options: SeedChatOptions = {}): Promise<void> {
  const type = options.type ?? (memberIds.length === 2 ? 'direct' : 'group');
  const lines = options.messages ?? [];
  const start = Date.now() - 3_600_000;
  const batch = adminDb.batch();
  lines.forEach(([senderId, text], index) => {
    const message: Message = { senderId, type: 'text', text, createdAt: Timestamp.fromMillis(start + index * 1000), seq: index + 1 };
    batch.set(adminDb.doc(paths.message(chatId, `m${index + 1}`)), message);
  });
  const createdAt = Timestamp.fromMillis(start - 60_000);
  const chat: Chat = {
    type,
    memberIds,
    adminIds: type === 'group' ? [memberIds[0] ?? ''] : [],
    name: options.name ?? (type === 'group' ? 'Test group' : null),
    description: '',
    photoURL: null,
    createdBy: memberIds[0] ?? '',
    createdAt,
    lastMessage: null,
    lastMessageAt: null,
    seq: lines.length,
    settings: DEFAULT_CHAT_SETTINGS,
  };
  batch.set(adminDb.doc(paths.chat(chatId)), chat);
  for (const uid of memberIds) {
    const member: Member = {
      uid,
      role: type === 'group' && uid === memberIds[0] ? 'admin' : 'member',
      joinedAt: createdAt,
      addedBy: null,
      readSeq: lines.length,
      deliveredSeq: lines.length,
      mutedUntil: null,
      archived: false,
      pinned: false,
    };
    batch.set(adminDb.doc(paths.member(chatId, uid)), member);
  }
  await batch.commit();
}

/** A report as the trigger leaves it (status open, evidence available), for tests that need one at once. */
export async function seedReport(reportId: string, fields: { reporterId: string; chatId: string; messageId: string; senderId: string }): Promise<void> {
  await adminDb.doc(paths.report(reportId)).set({
    reporterId: fields.reporterId,
    target: { type: 'message', chatId: fields.chatId, messageId: fields.messageId },
    reason: 'seeded report',
    createdAt: Timestamp.now(),
    status: 'open',
    evidence: {
      capturedAt: Timestamp.now(),
      available: true,
      unavailableReason: null,
      reportedUid: fields.senderId,
      message: null,
      context: [],
      chat: null,
      profile: null,
    },
  });
}
