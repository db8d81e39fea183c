/** The floor: one bare document write observed by one bare listener, no rules, no functions. */
import { doc, setDoc } from 'firebase/firestore';
import { baselineClient } from '../lib/baseline.ts';
import { now, progress } from '../lib/time.ts';
import { watchDoc } from '../lib/watch.ts';

export async function measureFloor(samples: number): Promise<number[]> {
  const writer = baselineClient();
  const reader = baselineClient();
  const ref = doc(writer.db, 'floor/doc');
  await setDoc(ref, { i: -1 });
  const watcher = watchDoc(doc(reader.db, 'floor/doc'));
  await watcher.ready;
  const latencies: number[] = [];
  // Two unmeasured writes warm both streams.
  for (let i = -2; i < samples; i++) {
    const from = watcher.deliveries.length;
    const sent = now();
    await setDoc(ref, { i });
    const arrived = await watcher.arrival(`floor write ${i}`, (d) => d.data?.i === i, from);
    if (i >= 0) latencies.push(arrived - sent);
  }
  watcher.stop();
  await Promise.all([writer.close(), reader.close()]);
  progress(`floor: ${samples} bare writes observed`);
  return latencies;
}
