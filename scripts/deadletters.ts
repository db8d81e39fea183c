// `npm run deadletters -- <command>`: inspect and replay Cloud Tasks dead letters.
//
//   npm run deadletters -- list [--all]          open dead letters (--all: replayed ones too)
//   npm run deadletters -- replay <id> [<id>...]  re-enqueue these on their queues
//   npm run deadletters -- replay --all           re-enqueue every open dead letter
//   npm run deadletters -- queues                 the task queues' state and backlog
//
// Without --project it talks to the local emulators (NATTER_PORT_OFFSET honoured); with
// `--project <id>` to that project, using Application Default Credentials. Replays are
// idempotent: a replay's task id is derived from the dead letter and its replay count, so running
// the same command twice enqueues one task, and a replayed letter is skipped until it fails again.
import { parseArgs } from 'node:util';
import { PROJECT_ID, emulatorClientEnv } from './lib/project.mjs';

const { values, positionals } = parseArgs({
  options: { all: { type: 'boolean', default: false }, project: { type: 'string' } },
  allowPositionals: true,
});
const [command, ...ids] = positionals;

if (values.project) {
  process.env.GCLOUD_PROJECT = values.project;
} else if (!process.env.FIRESTORE_EMULATOR_HOST) {
  Object.assign(process.env, emulatorClientEnv());
}
const projectId = values.project ?? process.env.GCLOUD_PROJECT ?? PROJECT_ID;

// Imported after the environment is set, so the Admin SDK finds the emulators (or the project).
const { listDeadLetters, replayAllDeadLetters, replayDeadLetter } = await import('../functions/src/deadLetters/replayDeadLetter.ts');
const { QUEUES } = await import('../functions/src/deadLetters/queues.ts');
const { REGION } = await import('../functions/src/lib/options.ts');

type Outcome = Awaited<ReturnType<typeof replayDeadLetter>>;

function describe(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'replayed':
      return `${outcome.id}: re-enqueued as task ${outcome.taskId}${outcome.duplicate ? ' (already enqueued earlier)' : ''}`;
    case 'already-replayed':
      return `${outcome.id}: already replayed as task ${outcome.taskId ?? '?'}; nothing to do`;
    case 'not-found':
      return `${outcome.id}: no such dead letter`;
  }
}

async function queueStats(): Promise<void> {
  const emulator = process.env.CLOUD_TASKS_EMULATOR_HOST;
  if (emulator && !values.project) {
    // The Tasks emulator has no Cloud Tasks API (no queue or task listing), only this summary.
    const stats = (await (await fetch(`http://${emulator}/queueStats`)).json()) as Record<string, unknown>;
    for (const name of Object.keys(QUEUES)) console.log(name, JSON.stringify(stats[`queue:${projectId}-${REGION}-${name}`] ?? 'not registered'));
    return;
  }
  // The Admin SDK can enqueue and delete but not inspect queues; the Cloud Tasks client can.
  const { CloudTasksClient } = await import('@google-cloud/tasks');
  const client = new CloudTasksClient();
  for (const name of Object.keys(QUEUES)) {
    const queuePath = client.queuePath(projectId, REGION, name);
    const [queue] = await client.getQueue({ name: queuePath });
    const [tasks] = await client.listTasks({ parent: queuePath, pageSize: 1000 }, { autoPaginate: false });
    console.log(name, JSON.stringify({ state: queue.state, rateLimits: queue.rateLimits, retryConfig: queue.retryConfig, tasksListed: tasks.length }));
  }
}

switch (command) {
  case 'list': {
    const letters = await listDeadLetters(values.all ? undefined : 'open');
    if (letters.length === 0) console.log('No dead letters.');
    for (const l of letters) {
      console.log(`${l.id}  [${l.status}]  queue=${l.queue} attempts=${l.attempts} replays=${l.replays}  ${l.error.name}: ${l.error.message}`);
    }
    break;
  }
  case 'replay': {
    if (values.all) {
      const outcomes = await replayAllDeadLetters();
      if (outcomes.length === 0) console.log('No open dead letters.');
      outcomes.forEach((o) => console.log(describe(o)));
    } else if (ids.length > 0) {
      for (const id of ids) console.log(describe(await replayDeadLetter(id)));
    } else {
      console.error('Name the dead letters to replay, or pass --all.');
      process.exit(2);
    }
    break;
  }
  case 'queues':
    await queueStats();
    break;
  default:
    console.error('Usage: npm run deadletters -- list [--all] | replay <id>... | replay --all | queues  [--project <id>]');
    process.exit(2);
}
process.exit(0);
