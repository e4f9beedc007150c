/**
 * A database demo's Db in the worker: the seeded snapshot written at build
 * time (pglite-assets.ts), opened by pglite-browser.ts, behind the same
 * pgliteDb() adapter the snippet test uses. `snapshot` is relative to the
 * demo's bundle (build-demos.ts bakes it in).
 */
import { openSeededPglite } from '../pglite-browser.ts';
import { pgliteDb } from './pglite-db.ts';
import type { OpenDatabase } from './worker-main.ts';

export function snapshotDatabase(snapshot: string, bundleUrl: string): OpenDatabase {
  return async () => pgliteDb(await openSeededPglite(new URL(snapshot, bundleUrl).href));
}
