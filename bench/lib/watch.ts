/**
 * Listener recorders: every document a listener delivers after its first snapshot is one billed
 * read, so each recorder keeps the document changes it saw with their arrival time.
 */
import {
  onSnapshot,
  type DocumentData,
  type DocumentReference,
  type Query,
} from 'firebase/firestore';
import { now, until } from './time.ts';

export interface Delivery {
  at: number;
  id: string;
  data: DocumentData | undefined;
}

export interface Recorder {
  /** Changes delivered after the initial snapshot (the initial load is not per-message cost). */
  deliveries: Delivery[];
  ready: Promise<void>;
  /** Resolves with the arrival time of the first delivery matching `test` at or after index `from`. */
  arrival(what: string, test: (d: Delivery) => boolean, from?: number, timeoutMs?: number): Promise<number>;
  stop(): void;
}

function recorder(subscribe: (onChanges: (changes: Delivery[], first: boolean) => void, onError: (e: Error) => void) => () => void): Recorder {
  const deliveries: Delivery[] = [];
  let failure: Error | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const unsubscribe = subscribe(
    (changes, first) => {
      if (first) markReady();
      else deliveries.push(...changes);
    },
    (error) => {
      failure = error;
      markReady();
    },
  );
  return {
    deliveries,
    ready,
    async arrival(what, test, from = 0, timeoutMs = 30_000) {
      const found = await until(
        what,
        () => {
          if (failure) throw failure;
          return deliveries.slice(from).find(test);
        },
        timeoutMs,
      );
      return found.at;
    },
    stop: unsubscribe,
  };
}

export function watchQuery(query: Query): Recorder {
  let first = true;
  return recorder((onChanges, onError) =>
    onSnapshot(
      query,
      (snap) => {
        const at = now();
        onChanges(snap.docChanges().map((c) => ({ at, id: c.doc.id, data: c.type === 'removed' ? undefined : c.doc.data() })), first);
        first = false;
      },
      onError,
    ),
  );
}

export function watchDoc(ref: DocumentReference): Recorder {
  let first = true;
  return recorder((onChanges, onError) =>
    onSnapshot(
      ref,
      (snap) => {
        onChanges([{ at: now(), id: snap.id, data: snap.data() }], first);
        first = false;
      },
      onError,
    ),
  );
}
