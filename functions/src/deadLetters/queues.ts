/** Every task queue by name, so dead letters can be replayed onto the queue they came from. */
import { pushQueue } from '../notifications/queue.ts';
import { scheduledQueue } from '../scheduled/queue.ts';
import type { QueueDefinition } from '../lib/taskWorker.ts';

// Payloads only ever go back to the queue they were read from, parsed by that queue's schema.
export const QUEUES: Record<string, QueueDefinition<Record<string, unknown>>> = {
  [pushQueue.name]: pushQueue,
  [scheduledQueue.name]: scheduledQueue,
};
