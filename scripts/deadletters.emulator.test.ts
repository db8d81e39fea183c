/**
 * The documented operator command, `npm run deadletters`, run as a real child process against the
 * emulators: it lists a dead letter, replays it onto its queue (the real worker then posts the
 * scheduled message), and replaying again changes nothing.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { paths, scheduledMessageId } from '@natter/model';
import { adminDb, eventually } from '../tests/support/admin.ts';
import { ROOT } from '../tests/support/env.ts';
import { DELIVERY_FAILED_REASON, scheduledQueue } from '../functions/src/scheduled/queue.ts';
import { deadLetterId } from '../functions/src/deadLetters/recordDeadLetter.ts';
import { seedChat, seedUser, uniqueId } from '../functions/test/fixtures.ts';

const run = promisify(execFile);

async function deadletters(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'scripts', 'deadletters.ts'), ...args], { cwd: ROOT, env: process.env });
  return stdout;
}

describe('npm run deadletters', () => {
  it('lists, replays once, and reports a second replay as already done', async () => {
    const uid = uniqueId('ana');
    const chatId = uniqueId('chat');
    const scheduledId = uniqueId('sched');
    await seedUser(uid);
    await seedChat(chatId, [uid]);
    // A scheduled message whose task ran out of attempts, as the worker leaves it.
    await adminDb.doc(paths.scheduledMessage(scheduledId)).set({
      senderId: uid, chatId, text: 'from the replay', sendAt: Timestamp.fromMillis(Date.now() - 60_000),
      status: 'failed', failureReason: DELIVERY_FAILED_REASON, failedAt: Timestamp.now(), createdAt: Timestamp.now(),
    });
    const task = { scheduledId, generation: 0 };
    const key = scheduledQueue.key(task);
    const id = deadLetterId(scheduledQueue.name, key);
    await adminDb.doc(paths.deadLetter(id)).set({
      queue: scheduledQueue.name, key, taskId: `${key}-g0`, data: task, error: { name: 'Error', message: 'boom' },
      attempts: 5, status: 'open', failedAt: Timestamp.now(), replays: 0, replayTaskId: null, replayedAt: null,
    });

    expect(await deadletters('list')).toContain(`${id}  [open]  queue=${scheduledQueue.name} attempts=5 replays=0  Error: boom`);
    expect(await deadletters('replay', id)).toContain(`${id}: re-enqueued as task ${key}-r1`);
    await eventually(async () => ((await adminDb.doc(paths.message(chatId, scheduledMessageId(scheduledId))).get()).exists ? true : undefined));

    expect(await deadletters('replay', id)).toContain(`${id}: already replayed as task ${key}-r1; nothing to do`);
    expect(await deadletters('replay', '--all')).not.toContain(id);
    expect(await deadletters('list', '--all')).toContain(`${id}  [replayed]`);
    expect((await adminDb.collection(paths.messages(chatId)).get()).size).toBe(1);
  });
});
