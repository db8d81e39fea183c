/**
 * Presence for push decisions, from the Realtime Database entry `/status/{uid}`. Only users whose
 * Firestore profile says `online` are looked up. Without a Realtime Database (none configured, or
 * the emulator not running) the answer is "nobody", so nobody misses a push.
 *
 * Which chat someone has open is deliberately not published: `/status` is readable by every
 * signed-in user, so a `chatId` there would leak it (see docs/data-model.md). Until an owner-only
 * "viewing" entry exists, `viewing` answers "nobody" and everyone gets their push.
 */
import { rtdbPaths, statusSchema } from '@natter/model';
import { adminApp } from '../lib/admin.ts';

export interface PresenceReader {
  /** The subset of `uids` whose presence says they are viewing `chatId`. */
  viewing(chatId: string, uids: readonly string[]): Promise<Set<string>>;
  /** The subset of `uids` whose presence says they are online at all. */
  online(uids: readonly string[]): Promise<Set<string>>;
}

const READ_TIMEOUT_MS = 3_000;

/** The Realtime Database presence reader, or null when this deployment has no database. */
export function rtdbPresence(): PresenceReader | null {
  const app = adminApp();
  const emulatorHost = process.env.FIREBASE_DATABASE_EMULATOR_HOST;
  const projectId = app.options.projectId ?? process.env.GCLOUD_PROJECT;
  const url = app.options.databaseURL ?? (emulatorHost && projectId ? `https://${projectId}-default-rtdb.firebaseio.com` : undefined);
  if (!url) return null;
  const databaseUrl: string = url;

  async function statuses(uids: readonly string[]) {
    const { getDatabaseWithUrl } = await import('firebase-admin/database');
    const database = getDatabaseWithUrl(databaseUrl, app);
    const reads = Promise.all(uids.map(async (uid) => [uid, (await database.ref(rtdbPaths.status(uid)).get()).val()] as const));
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('presence read timed out')), READ_TIMEOUT_MS).unref());
    const entries = await Promise.race([reads, timeout]);
    return entries.flatMap(([uid, raw]) => {
      const parsed = statusSchema.safeParse(raw);
      return parsed.success ? [{ uid, status: parsed.data }] : [];
    });
  }

  return {
    viewing() {
      return Promise.resolve(new Set<string>());
    },
    async online(uids) {
      const found = await statuses(uids);
      return new Set(found.filter(({ status }) => status.state === 'online').map(({ uid }) => uid));
    },
  };
}
