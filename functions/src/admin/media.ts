/**
 * Chat media in Cloud Storage, deleted in bounded pages. The Storage SDK is heavy, so it is
 * imported only when media is actually deleted. Where no Storage emulator runs beside the
 * Functions emulator there is nothing to delete, and the call says so in the logs.
 */
import { adminApp } from '../lib/admin.ts';
import { logs } from '../lib/logs.ts';

/** Chat media in Storage. */
export interface MediaStore {
  /** Deletes every object under `prefix` in bounded pages; resolves with how many were deleted. */
  deletePrefix(prefix: string): Promise<number>;
}

const PAGE_SIZE = 200;

export function storageMediaStore(): MediaStore {
  return {
    async deletePrefix(prefix) {
      if (process.env.FUNCTIONS_EMULATOR === 'true' && !process.env.FIREBASE_STORAGE_EMULATOR_HOST) {
        logs.mediaDeletionSkipped({ prefix, reason: 'no Storage emulator is running' });
        return 0;
      }
      const { getStorage } = await import('firebase-admin/storage');
      const bucket = getStorage(adminApp()).bucket();
      let deleted = 0;
      let pageToken: string | undefined;
      do {
        const [files, next] = await bucket.getFiles({ prefix, maxResults: PAGE_SIZE, autoPaginate: false, pageToken });
        await Promise.all(files.map((file) => file.delete({ ignoreNotFound: true })));
        deleted += files.length;
        pageToken = (next as { pageToken?: string } | null)?.pageToken;
      } while (pageToken);
      return deleted;
    },
  };
}
