/** Schemas for `chats/{chatId}` and `chats/{chatId}/members/{uid}`. */
import { z } from 'zod';
import {
  DISAPPEAR_OPTIONS,
  MAX_GROUP_DESCRIPTION_LENGTH,
  MAX_GROUP_MEMBERS,
  MAX_GROUP_NAME_LENGTH,
  MAX_PREVIEW_LENGTH,
} from '../limits.ts';
import { docIdSchema, httpsUrlSchema, timestampSchema, uidSchema } from './common.ts';
import { messageTypeSchema } from './messages.ts';

export const CHAT_TYPES = ['direct', 'group'] as const;
export const ROLES = ['admin', 'member'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const groupNameSchema = z.string().trim().min(1).max(MAX_GROUP_NAME_LENGTH);
export const groupDescriptionSchema = z.string().max(MAX_GROUP_DESCRIPTION_LENGTH);
export const disappearAfterSecondsSchema = z.union(DISAPPEAR_OPTIONS.map((n) => z.literal(n)));

export const chatSettingsSchema = z.strictObject({
  onlyAdminsCanSend: z.boolean(),
  onlyAdminsCanEditInfo: z.boolean(),
  disappearAfterSeconds: disappearAfterSecondsSchema,
});
export type ChatSettings = z.infer<typeof chatSettingsSchema>;
export const DEFAULT_CHAT_SETTINGS: ChatSettings = {
  onlyAdminsCanSend: false,
  onlyAdminsCanEditInfo: false,
  disappearAfterSeconds: 0,
};

/** The denormalised summary the chat list shows without reading messages. */
export const lastMessageSchema = z.strictObject({
  id: docIdSchema,
  senderId: uidSchema,
  type: messageTypeSchema,
  preview: z.string().max(MAX_PREVIEW_LENGTH),
  sentAt: timestampSchema,
  seq: z.number().int().min(1),
});
export type LastMessage = z.infer<typeof lastMessageSchema>;

/** `chats/{chatId}`: written only by functions. `seq` counts messages posted (the unread clock). */
export const chatSchema = z.strictObject({
  type: z.enum(CHAT_TYPES),
  memberIds: z.array(uidSchema).min(1).max(MAX_GROUP_MEMBERS),
  adminIds: z.array(uidSchema).max(MAX_GROUP_MEMBERS),
  name: groupNameSchema.nullable(),
  description: groupDescriptionSchema,
  photoURL: httpsUrlSchema.nullable(),
  createdBy: uidSchema,
  createdAt: timestampSchema,
  lastMessage: lastMessageSchema.nullable(),
  lastMessageAt: timestampSchema.nullable(),
  seq: z.number().int().min(0),
  settings: chatSettingsSchema,
});
export type Chat = z.infer<typeof chatSchema>;

/** What a member may change on their own member document. */
export const memberUpdateSchema = z
  .strictObject({
    readSeq: z.number().int().min(0),
    deliveredSeq: z.number().int().min(0),
    mutedUntil: timestampSchema.nullable(),
    archived: z.boolean(),
    pinned: z.boolean(),
  })
  .partial();
export type MemberUpdate = z.infer<typeof memberUpdateSchema>;
/**
 * The member-document fields a member may change on their own document. Rules also require
 * `readSeq`/`deliveredSeq` to be whole numbers that never decrease and never pass `chats/{id}.seq`.
 */
export const MEMBER_CLIENT_FIELDS = ['readSeq', 'deliveredSeq', 'mutedUntil', 'archived', 'pinned'] as const;

/** `chats/{chatId}/members/{uid}`: role and join data are server-owned; markers are the member's. */
export const memberSchema = z.strictObject({
  uid: uidSchema,
  role: roleSchema,
  joinedAt: timestampSchema,
  addedBy: uidSchema.nullable(),
  readSeq: z.number().int().min(0),
  deliveredSeq: z.number().int().min(0),
  mutedUntil: timestampSchema.nullable(),
  archived: z.boolean(),
  pinned: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;
