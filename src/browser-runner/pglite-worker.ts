/**
 * Browser half: runs inside a module Web Worker, opens PGlite from the
 * snapshot pglite-snapshot.ts wrote, and answers QueryRequest messages.
 *
 * Start it as
 *   new Worker(`pglite-worker.js?snapshot=<name>.tar.gz`, { type: 'module' })
 * The snapshot is named on the URL rather than in a first message so that the
 * download and load start the moment the worker does, before any query.
 * PGlite finds pglite.wasm and pglite.data next to this script
 * (`new URL('./pglite.wasm', import.meta.url)` inside PGlite), so the bundle
 * step (pglite-bundle.ts) copies them beside it. Nothing is fetched from
 * anywhere but this site.
 */
import { PGlite } from '@electric-sql/pglite';
import { SNAPSHOT_PARAM, type QueryRequest, type QueryResponse } from './protocol.ts';

// tsconfig's lib is DOM, not WebWorker: name the two worker globals used here.
const scope = self as unknown as {
  location: Location;
  postMessage(message: QueryResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<QueryRequest>) => void): void;
};

async function open(): Promise<PGlite> {
  const name = new URL(scope.location.href).searchParams.get(SNAPSHOT_PARAM);
  if (!name) throw new Error(`pglite-worker: start me with ?${SNAPSHOT_PARAM}=<file>.tar.gz`);
  const response = await fetch(new URL(name, scope.location.href));
  if (!response.ok) throw new Error(`pglite-worker: snapshot ${name}: HTTP ${response.status}`);
  return PGlite.create({ loadDataDir: await response.blob() });
}

// One database per worker, opened once; every query waits for it. A failed
// open is reported to every query rather than lost as an unhandled rejection.
const database = open();
database.catch(() => {});

async function answer(request: QueryRequest): Promise<QueryResponse> {
  try {
    const lite = await database;
    const result = await lite.query<Record<string, unknown>>(request.sql, request.params ?? []);
    return { id: request.id, ok: true, rows: result.rows, fields: result.fields };
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

scope.addEventListener('message', (event) => {
  void answer(event.data).then((response) => scope.postMessage(response));
});
