/**
 * Global setup of database-twin.vitest.config.ts: builds the PGlite assets
 * as the site build does (buildPgliteAssets, its own fixture discovery
 * included) into a temp folder, tells the test workers where, and removes
 * it at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPgliteAssets } from './pglite-assets.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder buildPgliteAssets wrote (holding pglite/). */
    pgliteAssetsDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'database-twin-'));
  await buildPgliteAssets(dir);
  project.provide('pgliteAssetsDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
