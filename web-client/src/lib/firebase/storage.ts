/**
 * Cloud Storage: chat media (`chats/{chatId}/{messageId}/{fileName}`) with upload progress, and
 * avatars (`users/{uid}/avatar/{fileName}`). Where Storage is not available (`services.storage` is
 * null) `available` is false and uploads refuse with a sentence the UI shows.
 */
import { getDownloadURL, ref, uploadBytesResumable, type FirebaseStorage } from 'firebase/storage';
import {
  AVATAR_MAX_BYTES,
  MAX_FILE_NAME_LENGTH,
  MEDIA_LIMITS,
  storagePaths,
  type Media,
  type MediaKind,
} from '@natter/model';
import { InvalidInputError } from './functions.ts';
import { requireUid, type Services } from './services.ts';

export const STORAGE_UNAVAILABLE = 'Photos and files need Cloud Storage, which is not available here.';

/** The message kind a file is sent as: image, video or audio when its type fits, else file. */
export function mediaKindOf(file: { type: string; size: number }): MediaKind {
  for (const kind of ['image', 'video', 'audio'] as const) {
    if (MEDIA_LIMITS[kind].contentType.test(file.type) && file.size <= MEDIA_LIMITS[kind].maxBytes) return kind;
  }
  return 'file';
}

/** A storage-safe file name: no slashes, bounded length. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[/\\#?[\]*]/g, '_').trim() || 'file';
  return cleaned.slice(-MAX_FILE_NAME_LENGTH);
}

function requireStorage(storage: FirebaseStorage | null): FirebaseStorage {
  if (!storage) throw new Error(STORAGE_UNAVAILABLE);
  return storage;
}

export function storageApi(services: Pick<Services, 'auth' | 'storage'>) {
  return {
    available: services.storage !== null,

    /** Uploads a file for a message; `onProgress` gets 0..1. Resolves with the message's `media`. */
    async uploadChatMedia(chatId: string, messageId: string, file: File, onProgress: (fraction: number) => void): Promise<{ kind: MediaKind; media: Media }> {
      const storage = requireStorage(services.storage);
      const kind = mediaKindOf(file);
      const contentType = file.type || 'application/octet-stream';
      if (!MEDIA_LIMITS[kind].contentType.test(contentType)) throw new InvalidInputError(`Files of type ${contentType} cannot be sent.`);
      if (file.size < 1 || file.size > MEDIA_LIMITS[kind].maxBytes) {
        throw new InvalidInputError(`That file is too big: ${kind} files may be up to ${Math.round(MEDIA_LIMITS[kind].maxBytes / 1048576)} MiB.`);
      }
      const name = safeFileName(file.name);
      const path = storagePaths.chatMedia(chatId, messageId, name);
      const task = uploadBytesResumable(ref(storage, path), file, { contentType, customMetadata: { kind } });
      task.on('state_changed', (snap) => onProgress(snap.totalBytes > 0 ? snap.bytesTransferred / snap.totalBytes : 0));
      await task;
      onProgress(1);
      return { kind, media: { path, contentType, size: file.size, name } };
    },

    async mediaUrl(path: string): Promise<string> {
      return getDownloadURL(ref(requireStorage(services.storage), path));
    },

    /** Uploads a new avatar image and returns its download URL (to store as `photoURL`). */
    async uploadAvatar(file: File, onProgress: (fraction: number) => void): Promise<string> {
      const storage = requireStorage(services.storage);
      const uid = requireUid(services);
      if (!MEDIA_LIMITS.image.contentType.test(file.type)) throw new InvalidInputError('Profile photos must be JPEG, PNG, GIF, WebP or HEIC images.');
      if (file.size > AVATAR_MAX_BYTES) throw new InvalidInputError('Profile photos may be up to 5 MiB.');
      const avatarRef = ref(storage, storagePaths.avatar(uid, safeFileName(file.name)));
      const task = uploadBytesResumable(avatarRef, file, { contentType: file.type });
      task.on('state_changed', (snap) => onProgress(snap.totalBytes > 0 ? snap.bytesTransferred / snap.totalBytes : 0));
      await task;
      onProgress(1);
      return getDownloadURL(avatarRef);
    },
  };
}
export type StorageApi = ReturnType<typeof storageApi>;
