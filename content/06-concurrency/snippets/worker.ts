/** Runs countPrimes on a worker thread and hands back a promise. */
// #region run
import { Worker } from 'node:worker_threads';

const ENTRY = new URL('./primes-worker.ts', import.meta.url);

export function countPrimesInWorker(limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // A new thread with its own isolate, heap and event loop.
    const worker = new Worker(ENTRY, { workerData: limit });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker exited with ${code}`));
    });
  });
}
// #endregion
