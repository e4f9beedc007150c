/** The worker thread's entry point: counts primes off the main thread. */
// #region worker
import { parentPort, workerData } from 'node:worker_threads';
import { countPrimes } from './primes.ts';

// parentPort is null when this file is imported on the main thread.
parentPort?.postMessage(countPrimes(workerData as number));
// #endregion
