/**
 * Cron: removes chat media whose message is gone (purged, never written) or no longer points at
 * it, where Storage is available. Objects younger than ORPHAN_GRACE_MS are kept: clients upload
 * before they write the message. Pages through object names with a cursor like every cron.
 */
import { paths, storagePaths } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { CronContext } from '../lib/cron.ts';
import { logs } from '../lib/logs.ts';
import { defaultMediaStore, type MediaStore } from '../lib/media.ts';
import { runPagedJob, type CronJob, type RunOptions, type RunResult } from './runPagedJob.ts';

export const ORPHAN_GRACE_MS = 24 * 60 * 60_000;
const CHAT_MEDIA = /^chats\/([^/]+)\/([^/]+)\/[^/]+$/;

export function removeOrphanedMediaJob(media: MediaStore): CronJob {
  return {
    name: 'removeOrphanedMedia',
    scope: (nowMs) => ({ cutoffMs: nowMs - ORPHAN_GRACE_MS }),
    phases: [
      {
        name: 'objects',
        async page({ scope, after, pageSize }) {
          const firestore = db();
          const objects = await media.list({ prefix: storagePaths.chatMediaRoot, after: after?.path ?? null, limit: pageSize });
          const settled = objects.flatMap((object) => {
            const match = CHAT_MEDIA.exec(object.name);
            if (!match || object.createdAtMs > Number(scope.cutoffMs)) return [];
            return [{ name: object.name, ref: firestore.doc(paths.message(match[1] ?? '', match[2] ?? '')) }];
          });
          const messages = settled.length > 0 ? await firestore.getAll(...settled.map((o) => o.ref)) : [];
          const orphans = settled.filter((object, i) => messages[i]?.get('media.path') !== object.name);
          for (const orphan of orphans) await media.delete(orphan.name);
          const last = objects[objects.length - 1];
          return {
            seen: objects.length,
            after: last ? { value: null, path: last.name } : null,
            commit: () => ({ objectsScanned: objects.length, orphansDeleted: orphans.length }),
          };
        },
      },
    ],
  };
}

export async function handleRemoveOrphanedMedia(
  context: CronContext,
  deps: Partial<RunOptions> & { media?: MediaStore | null } = {},
): Promise<RunResult | { kind: 'storage-unavailable' }> {
  const media = deps.media === undefined ? defaultMediaStore() : deps.media;
  if (!media) {
    logs.cronSkipped({ function: 'removeOrphanedMedia', eventId: context.eventId, reason: 'Storage is not available here' });
    return { kind: 'storage-unavailable' };
  }
  return runPagedJob(removeOrphanedMediaJob(media), { ...deps, eventId: context.eventId });
}
