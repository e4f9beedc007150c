/**
 * Chapter 12: node-pg-migrate run from code, as a deploy step and in tests.
 * The migrations are the .sql files in ./migrations, applied in name order.
 */
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

// #region runner
const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies (or undoes) `count` migrations; returns the names it ran. */
export async function migrate(client: pg.ClientBase, direction: 'up' | 'down', count = Infinity): Promise<string[]> {
  const ran = await runner({
    dbClient: client,
    dir: MIGRATIONS,
    direction,
    count,
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    singleTransaction: true, // the CLI's default, not runner()'s: see the chapter
    logger: silent,
  });
  return ran.map((migration) => migration.name);
}
// #endregion
