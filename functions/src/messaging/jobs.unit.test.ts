import { describe, expect, it } from 'vitest';
import { notificationJobSchema } from '@natter/model';
import { notificationJob, notifyJobId } from './jobs.ts';

describe('notification jobs', () => {
  it('names one job per message, stable across deliveries and valid as a task name', () => {
    const id = notifyJobId('alice_bob', 'm1');
    expect(notifyJobId('alice_bob', 'm1')).toBe(id);
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,500}$/);
    expect(notifyJobId('alice_bob', 'm2')).not.toBe(id);
  });

  it('does not confuse ids whose concatenations match', () => {
    expect(notifyJobId('a_b', 'c_d')).not.toBe(notifyJobId('a_b_c', 'd'));
  });

  it('builds a pending job the model accepts', () => {
    const job = notificationJob({ chatId: 'c', messageId: 'm', senderId: 'a', seq: 1, mentions: ['b'], createdAt: { toMillis: () => 1 } });
    expect(notificationJobSchema.parse(job)).toMatchObject({ status: 'pending', attempts: 0, kind: 'notifyMessage' });
  });
});
