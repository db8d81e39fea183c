/**
 * Keeps one subscription per key (e.g. per chat) while the key is present, and collects the
 * values in a Map. Keys that disappear are unsubscribed; unchanged keys keep their listener.
 */
import { useEffect, useRef, useState } from 'react';

export function useKeyedSubscriptions<V>(
  keys: readonly string[],
  subscribe: (key: string, onValue: (value: V) => void) => () => void,
): Map<string, V> {
  const [values, setValues] = useState<Map<string, V>>(new Map());
  const active = useRef(new Map<string, () => void>());
  const subscribeRef = useRef(subscribe);
  subscribeRef.current = subscribe;
  const keyList = [...new Set(keys)].sort().join('\u0000');

  useEffect(() => {
    const wanted = new Set(keyList ? keyList.split('\u0000') : []);
    for (const [key, stop] of active.current) {
      if (!wanted.has(key)) {
        stop();
        active.current.delete(key);
        setValues((current) => {
          const next = new Map(current);
          next.delete(key);
          return next;
        });
      }
    }
    for (const key of wanted) {
      if (active.current.has(key)) continue;
      active.current.set(
        key,
        subscribeRef.current(key, (value) =>
          setValues((current) => {
            const next = new Map(current);
            next.set(key, value);
            return next;
          }),
        ),
      );
    }
  }, [keyList]);

  useEffect(
    () => () => {
      for (const stop of active.current.values()) stop();
      active.current.clear();
    },
    [],
  );
  return values;
}
