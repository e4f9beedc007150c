/**
 * Messages between a page and pglite-worker.ts. Kept apart from the worker so
 * the page side (and tests) can import the types without pulling in PGlite.
 */
export interface QueryRequest {
  /** Chosen by the caller; echoed back so answers can be matched to questions. */
  id: number;
  sql: string;
  params?: unknown[];
}

export type QueryResponse =
  | { id: number; ok: true; rows: Record<string, unknown>[]; fields: { name: string; dataTypeID: number }[] }
  | { id: number; ok: false; error: string };

/** Query parameter on the worker's URL naming the snapshot file, relative to the worker script. */
export const SNAPSHOT_PARAM = 'snapshot';
