/**
 * Runs tasks one at a time per key within one process. The limiter's transactions on a hot key
 * would otherwise all contend for the same document lock (a 2nd-gen instance serves up to 80
 * requests at once); queued locally, only different instances still contend. No Firebase imports.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` after every earlier task that shares any of `keys` has settled. */
  async run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Taking every key's place synchronously keeps waits in arrival order, so no cycle can form.
    const earlier = unique.flatMap((key) => this.tails.get(key) ?? []);
    for (const key of unique) this.tails.set(key, mine);
    try {
      await Promise.all(earlier);
      return await task();
    } finally {
      release();
      for (const key of unique) if (this.tails.get(key) === mine) this.tails.delete(key);
    }
  }

  /** Keys with queued or running tasks (for tests: the map must not grow without bound). */
  get size(): number {
    return this.tails.size;
  }
}
