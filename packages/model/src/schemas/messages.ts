/** Schemas for `chats/{chatId}/messages/{messageId}`. */
import { z } from 'zod';
import {
  MAX_EMOJI_LENGTH,
  MAX_FILE_NAME_LENGTH,
  MAX_MENTIONS,
  MAX_PREVIEW_LENGTH,
  MAX_TEXT_LENGTH,
  MEDIA_LIMITS,
  POLL_QUESTION_MAX_LENGTH,
  type MediaKind,
} from '../limits.ts';
import { docIdSchema, mentionUidSchema, timestampSchema, uidSchema } from './common.ts';
import { pollSchema } from './polls.ts';

export const MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'file', 'poll', 'system'] as const;
export const messageTypeSchema = z.enum(MESSAGE_TYPES);
export type MessageType = z.infer<typeof messageTypeSchema>;
/** Types a client may send; `system` messages are written by functions only. */
export const CLIENT_MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'file', 'poll'] as const;

export const messageTextSchema = z.string().max(MAX_TEXT_LENGTH);

export const mediaSchema = z.strictObject({
  path: z.string().min(1).max(1024),
  contentType: z.string().min(3).max(255),
  size: z.number().int().min(1).max(MEDIA_LIMITS.file.maxBytes),
  name: z.string().min(1).max(MAX_FILE_NAME_LENGTH),
});
export type Media = z.infer<typeof mediaSchema>;

/** The quoted message; the client names it, functions overwrite `preview` from the original. */
export const replyToSchema = z.strictObject({
  messageId: docIdSchema,
  senderId: uidSchema,
  preview: z.string().max(MAX_PREVIEW_LENGTH),
});

export const reactionSchema = z.string().min(1).max(MAX_EMOJI_LENGTH);
/** `{uid: emoji}`: each member sets or removes only the entry under their own uid. */
export const reactionsSchema = z.record(uidSchema, reactionSchema);

/** The keys a client may put on a new message; `createdAt` must be the request time. */
export const MESSAGE_CLIENT_FIELDS = ['senderId', 'type', 'text', 'media', 'poll', 'replyTo', 'forwarded', 'mentions', 'createdAt'] as const;
/** What the sender may change when editing (within `EDIT_WINDOW_MS`); `editedAt` is the request time. */
export const MESSAGE_EDIT_FIELDS = ['text', 'editedAt'] as const;
/** Delete for everyone (within `DELETE_FOR_EVERYONE_WINDOW_MS`): exactly this update, the tombstone stays. */
export const DELETED_FOR_EVERYONE = { text: '', media: null, deletedForEveryone: true } as const;
/** A poll's delete for everyone also drops its options. */
export const POLL_DELETED_FOR_EVERYONE = { ...DELETED_FOR_EVERYONE, poll: null } as const;

/** Whether a media object fits its message kind (content type and size, as Storage rules enforce). */
export function mediaFitsKind(kind: MediaKind, media: Pick<Media, 'contentType' | 'size'>): boolean {
  const limit = MEDIA_LIMITS[kind];
  return limit.contentType.test(media.contentType) && media.size <= limit.maxBytes;
}

/** What a client writes when sending (`createdAt` is the server timestamp, added on write). */
export const newMessageSchema = z
  .strictObject({
    senderId: uidSchema,
    type: z.enum(CLIENT_MESSAGE_TYPES),
    text: messageTextSchema,
    media: mediaSchema.optional(),
    poll: pollSchema.optional(),
    replyTo: replyToSchema.optional(),
    forwarded: z.boolean().optional(),
    mentions: z.array(mentionUidSchema).max(MAX_MENTIONS).optional(),
  })
  .refine((m) => (m.type === 'poll') === (m.poll !== undefined), { message: 'poll messages, and only they, carry a poll', path: ['poll'] })
  .refine(
    (m) => (m.type === 'text' || m.type === 'poll' ? m.text.trim().length > 0 && !m.media : m.media !== undefined),
    { message: 'text and poll messages need non-empty text and no media; media messages need media', path: ['type'] },
  )
  .refine((m) => m.type !== 'poll' || m.text.length <= POLL_QUESTION_MAX_LENGTH, {
    message: `a poll question is at most ${POLL_QUESTION_MAX_LENGTH} characters`,
    path: ['text'],
  })
  .refine((m) => m.type === 'text' || m.type === 'poll' || m.media === undefined || mediaFitsKind(m.type, m.media), {
    message: 'media content type or size does not fit the message type',
    path: ['media'],
  });
export type NewMessage = z.infer<typeof newMessageSchema>;

/** The storage path a message's media must use: `chats/{chatId}/{messageId}/{fileName}`. */
export function mediaPathFits(path: string, chatId: string, messageId: string): boolean {
  const parts = path.split('/');
  return parts.length === 4 && parts[0] === 'chats' && parts[1] === chatId && parts[2] === messageId && (parts[3] ?? '').length > 0;
}

/** A stored message as functions and clients read it. */
export const messageSchema = z.strictObject({
  senderId: uidSchema,
  type: messageTypeSchema,
  text: messageTextSchema,
  media: mediaSchema.nullable().optional(),
  poll: pollSchema.nullable().optional(),
  replyTo: replyToSchema.nullable().optional(),
  forwarded: z.boolean().optional(),
  mentions: z.array(mentionUidSchema).max(MAX_MENTIONS).optional(),
  createdAt: timestampSchema,
  editedAt: timestampSchema.nullable().optional(),
  deletedForEveryone: z.boolean().optional(),
  reactions: reactionsSchema.optional(),
  seq: z.number().int().min(1).optional(),
  /** Set by functions on a message that slipped past rules but failed validation. */
  rejected: z.boolean().optional(),
  expiresAt: timestampSchema.nullable().optional(),
  system: z.strictObject({ event: z.string(), actorId: uidSchema, targetIds: z.array(uidSchema) }).optional(),
});
export type Message = z.infer<typeof messageSchema>;

/** Text shown in chat lists and notifications for a message. */
export function messagePreview(message: Pick<Message, 'type' | 'text' | 'deletedForEveryone' | 'media'>): string {
  if (message.deletedForEveryone) return 'This message was deleted';
  const label: Record<MessageType, string> = {
    text: '',
    system: '',
    image: '📷 Photo',
    video: '🎥 Video',
    audio: '🎤 Audio',
    poll: '📊 Poll',
    file: `📄 ${message.media?.name ?? 'File'}`,
  };
  const text = message.text.trim();
  const base = text.length > 0 ? (label[message.type] ? `${label[message.type]}: ${text}` : text) : label[message.type];
  return base.length > MAX_PREVIEW_LENGTH ? `${base.slice(0, MAX_PREVIEW_LENGTH - 1)}…` : base;
}
