/**
 * Setup file of database-twin.vitest.config.ts: the twin opens snapshots
 * from the folder the global setup built, read from disk, where the browser
 * fetches the same files from the runner's URL. Everything after the bytes
 * (PGlite.create with loadDataDir, the pool, reset) is the twin's own path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { PGLITE_DIR } from './pglite-fixture-hash.ts';
import { useSnapshotOpener } from './twins/database.ts';

const dir = inject('pgliteAssetsDir');
useSnapshotOpener((file) => PGlite.create({ loadDataDir: new Blob([readFileSync(join(dir, PGLITE_DIR, file))]) }));
