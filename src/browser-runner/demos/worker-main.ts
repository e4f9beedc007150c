/**
 * The inside of a demo's Web Worker. build-demos.ts bundles one entry per
 * demo that imports the demo's file and calls serveDemo(); the page posts
 * DemoAsk messages and gets DemoAnswer messages back.
 *
 * The handler is made on the first request and kept: presets that change
 * state (delete an invoice, pay one) are seen by the next request, as on a
 * running server. Reloading the page (a new worker) starts over.
 */
import type { Demo, DemoEnv, FetchHandler } from './demo.ts';
import { exchange } from './exchange.ts';
import type { DemoAnswer, DemoAsk } from './protocol.ts';

/** Opens the demo's database; only database demos' entries pass one (worker-database.ts), so the others carry no PGlite. */
export type OpenDatabase = () => Promise<DemoEnv['db']>;

interface WorkerScope {
  onmessage: ((event: MessageEvent<DemoAsk>) => void) | null;
  postMessage(message: DemoAnswer): void;
}

export function serveDemo(demo: Demo, openDatabase?: OpenDatabase): void {
  const scope = globalThis as unknown as WorkerScope;
  let handler: Promise<FetchHandler> | undefined;
  const start = async () => {
    // A demo without a database never reads env.db (its type says so only loosely): fail loudly if it does.
    const db = openDatabase ? await openDatabase() : (new Proxy({}, { get: () => { throw new Error(`demo ${demo.name} declares no database`); } }) as DemoEnv['db']);
    return demo.handler({ db });
  };
  scope.onmessage = async ({ data: { id, call } }) => {
    try {
      handler ??= start();
      const reply = await exchange(await handler, call);
      scope.postMessage({ id, ok: true, reply });
    } catch (error) {
      scope.postMessage({ id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  };
}
