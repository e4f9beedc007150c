/**
 * vitest global setup for the learner's projects: in watch mode, PGlite
 * databases live in a host thread of the vitest process
 * (pglite-host-thread.ts) instead of in each test worker.
 *
 * Why: vitest ends its workers after every run, so a PGlite started in a
 * worker died with it, and every save paid for a new one (WASM compile and
 * template load, about a second). The host thread lives as long as vitest
 * does and starts the next database while the learner is typing. Each
 * test file still gets a fresh database loaded from its fixture's template,
 * never one another file used, and test files still run in fresh isolated
 * workers, so the changed exercise is always imported anew.
 *
 * This module, in the thread that runs vitest, routes test workers'
 * requests to the host thread and watches over it: it tells the host thread
 * when a test worker exits (so an abandoned database is closed), and
 * replaces the thread when a database is stuck in a statement that never
 * ends (PGlite cannot cancel one, and it blocks the thread it runs in).
 *
 * Test files in forked processes (graders that move the time zone) reach
 * the same host through its socket (pglite-host-socket.ts), with the same
 * guarantees: a fresh database per file, freed when the process exits.
 * Both projects of a target (threads and forks) list this file as global
 * setup; they share one host, the first to set up starts it and the last
 * to tear down stops it.
 *
 * Outside watch mode (`npm test`, `npm run verify`) it does nothing: each
 * worker starts its own PGlite, as before. WORKBOOK_PGLITE_HOST=off turns
 * it off in watch mode too (to measure what it buys: npm run bench).
 */
import { randomUUID } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { BroadcastChannel, Worker } from 'node:worker_threads';
import type { TestProject } from 'vitest/node';
import type { FromHostThread, HostAddress, HostRequest, HostStats, ToHostThread } from './pglite-host-messages.ts';
import { openSocketDoor } from './pglite-host-socket.ts';

const hostThread = new URL('./pglite-host-thread.ts', import.meta.url);

export interface RunningHost {
  address: HostAddress;
  stop(): Promise<void>;
}

interface Thread {
  worker: Worker;
  generation: number;
  /** Resolves once the thread listens; messages sent before would be lost. */
  listening: Promise<void>;
  exited: boolean;
}

/**
 * Starts the host; test workers this thread creates from now on are watched
 * for exits, and other processes can connect to `address.socket`.
 */
export async function startHost(): Promise<RunningHost> {
  const channel = `workbook-pglite:${randomUUID()}`;
  let generation = 0;
  let restarts = 0;
  let stopped = false;
  /** The host's own threads, not test workers. */
  const hostThreads = new WeakSet<Worker>();

  const reply = (replyTo: string, stats: HostStats) => {
    const port = new BroadcastChannel(`${channel}:${replyTo}`);
    port.postMessage(stats);
    port.close();
  };

  const launch = (): Thread => {
    const worker = new Worker(hostThread, { workerData: { channel, generation: ++generation } });
    hostThreads.add(worker);
    worker.unref();
    const thread: Thread = { worker, generation, exited: false, listening: Promise.resolve() };
    thread.listening = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: FromHostThread) => {
        if (m.op === 'listening') resolve();
        if (m.op === 'stats') reply(m.replyTo, { op: 'stats', inUse: m.inUse, spares: m.spares, restarts });
      });
      worker.once('exit', () => {
        thread.exited = true;
        reject(new Error('the PGlite host thread ended'));
      });
    });
    thread.listening.catch(() => {});
    worker.on('error', (error) => console.error(`PGlite host thread failed: ${error.stack ?? error}`));
    return thread;
  };

  let current = launch();
  const send = (m: ToHostThread) => {
    if (stopped) return;
    // A thread that died (its own error) is replaced on the next request.
    if (current.exited) current = launch();
    const thread = current;
    thread.listening.then(() => thread.worker.postMessage(m), () => {});
  };

  const route = (request: HostRequest) => {
    if (stopped) return;
    if (request.op === 'stuck') {
      // Every database of that thread goes with it; a report about a thread
      // already replaced changes nothing.
      if (request.generation !== current.generation) return;
      restarts++;
      void current.worker.terminate();
      current = launch();
    } else {
      send(request);
    }
  };
  const requests = new BroadcastChannel(channel);
  requests.unref();
  requests.onmessage = (event) => route(event.data as HostRequest);
  const door = await openSocketDoor({ channel, route, tell: send });
  const address: HostAddress = { channel, pid: process.pid, socket: door?.path ?? null };

  // Node announces every thread this thread creates on this channel: tell
  // the host thread when a test worker exits, so a file that never closed
  // its database (vitest stopped it, or it crashed) does not keep it.
  const onThread = (message: unknown) => {
    const { worker } = message as { worker: Worker };
    const threadId = worker.threadId;
    worker.once('exit', () => hostThreads.has(worker) || send({ op: 'thread-exit', threadId }));
  };
  subscribe('worker_threads', onThread);

  return {
    address,
    async stop() {
      stopped = true;
      unsubscribe('worker_threads', onThread);
      requests.close();
      door?.close();
      await current.worker.terminate();
    },
  };
}

/**
 * The host the projects of this vitest process share. On globalThis, not in
 * a module variable: vitest loads each project's global setup through that
 * project's own module runner, so each would get its own copy of this module.
 */
const SHARED = Symbol.for('workbook.pgliteHost');
interface Shared {
  host: Promise<RunningHost>;
  users: number;
}
const shared = globalThis as typeof globalThis & { [SHARED]?: Shared };

export default async function setup(project: TestProject) {
  project.provide('workbookPgliteHost', null);
  if (!project.vitest.config.watch || process.env.WORKBOOK_PGLITE_HOST === 'off') return;
  const entry = (shared[SHARED] ??= { host: startHost(), users: 0 });
  entry.users++;
  project.provide('workbookPgliteHost', (await entry.host).address);
  return async () => {
    if (--entry.users > 0) return;
    if (shared[SHARED] === entry) delete shared[SHARED];
    await (await entry.host).stop();
  };
}
