/**
 * The seam between crons and Cloud Storage. Production and a running Storage emulator get the
 * default bucket through `firebase-admin/storage` (imported lazily); where there is no Storage
 * (the emulator cannot be had offline) `defaultMediaStore()` is null and media steps are skipped.
 */
import { adminApp } from './admin.ts';

export interface StoredObject {
  name: string;
  createdAtMs: number;
}

export interface MediaStore {
  /** Deletes an object; one that does not exist is fine. */
  delete(path: string): Promise<void>;
  /** Objects under `prefix` in name order, strictly after `after`. */
  list(input: { prefix: string; after: string | null; limit: number }): Promise<StoredObject[]>;
}

export function defaultMediaStore(): MediaStore | null {
  const app = adminApp();
  const emulated = Boolean(process.env.FIREBASE_STORAGE_EMULATOR_HOST);
  const projectId = app.options.projectId ?? process.env.GCLOUD_PROJECT;
  const bucketName = app.options.storageBucket ?? (emulated && projectId ? `${projectId}.appspot.com` : undefined);
  if (!bucketName) return null;

  async function bucket() {
    const { getStorage } = await import('firebase-admin/storage');
    return getStorage(app).bucket(bucketName);
  }

  return {
    async delete(path) {
      await (await bucket()).file(path).delete({ ignoreNotFound: true });
    },
    async list({ prefix, after, limit }) {
      const [files] = await (await bucket()).getFiles({
        prefix,
        autoPaginate: false,
        maxResults: limit + 1,
        ...(after ? { startOffset: after } : {}),
      });
      return files
        .filter((file) => file.name !== after)
        .slice(0, limit)
        .map((file) => ({ name: file.name, createdAtMs: Date.parse(String(file.metadata.timeCreated ?? '')) || 0 }));
    },
  };
}
