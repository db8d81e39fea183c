/**
 * A module loaded on first use and kept: wiring modules name their handler with `import()`, so a
 * function instance evaluates its handler's code (and the SDKs it needs) only when it first runs,
 * and never another function's. A failed load is not kept, so the next call tries again.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

/** A handler whose module is loaded on its first call: `lazyHandler(async () => (await import('./handleX.ts')).handleX)`. */
export function lazyHandler<A extends unknown[], R>(load: () => Promise<(...args: A) => Promise<R>>): (...args: A) => Promise<R> {
  const handler = lazy(load);
  return async (...args) => (await handler())(...args);
}
