import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyedQueue.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedQueue', () => {
  it('never overlaps tasks that share a key, and runs them in arrival order', async () => {
    const queue = new KeyedQueue();
    let running = 0;
    let maxRunning = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        queue.run(['k'], async () => {
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          await tick();
          order.push(i);
          running -= 1;
        }),
      ),
    );
    expect(maxRunning).toBe(1);
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(queue.size).toBe(0);
  });

  it('runs tasks on different keys at the same time, and serialises overlapping key sets without deadlock', async () => {
    const queue = new KeyedQueue();
    let running = 0;
    let maxRunning = 0;
    const task = async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await tick();
      running -= 1;
    };
    await Promise.all([queue.run(['a'], task), queue.run(['b'], task)]);
    expect(maxRunning).toBe(2);

    maxRunning = 0;
    await Promise.all([queue.run(['ip', 'a'], task), queue.run(['b', 'ip'], task), queue.run(['a', 'b'], task)]);
    expect(maxRunning).toBe(1);
    expect(queue.size).toBe(0);
  });

  it('keeps going after a task fails, passing the failure to its caller', async () => {
    const queue = new KeyedQueue();
    await expect(queue.run(['k'], () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(['k'], () => Promise.resolve(7))).resolves.toBe(7);
  });
});
