/**
 * The name of a fixture's snapshot, computed alike at build time (Node,
 * pglite-assets.ts) and in the reader's browser (twins/database.ts) from the
 * Fixture object the grader passes to useDatabase(): no list of snapshots
 * has to travel to the grading worker, and a changed schema, seed or table
 * list gets a new name (so a snapshot can be cached for as long as the
 * PGlite files beside it).
 *
 * Web Crypto's SHA-256 over UTF-8 JSON, so both sides hash the same bytes
 * with the same function (globalThis.crypto is Web Crypto in Node 24 too).
 */
import type { Fixture } from '../workbook/testing/engines.ts';

/** 16 hex digits (64 bits) of SHA-256 over `[schema, seed, tables]` as JSON. */
export async function fixtureHash(fixture: Fixture): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify([fixture.schema, fixture.seed, fixture.tables]));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The snapshot's file name inside the runner's `pglite/` folder. */
export const snapshotFile = (hash: string) => `${hash}.tar.gz`;

/** Folder of the runner (under its base URL) holding the PGlite files and the snapshots. */
export const PGLITE_DIR = 'pglite';
