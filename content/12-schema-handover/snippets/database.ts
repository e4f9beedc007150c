/**
 * Chapter 12: a test database with the production history: Django's schema
 * first (what its migrations made), then the TypeScript migrations on top.
 */
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { migrate } from './migrate.ts';

// #region pglite
export async function migratedDatabase(django: string, count = Infinity) {
  const lite = await PGlite.create();
  await lite.exec(django); // Django's schema (manage.py workbook_schema) and rows
  const client = new pg.Client(createPgConfig(lite));
  await client.connect();
  const ran = await migrate(client, 'up', count); // then ours, for real
  return { lite, client, ran };
}
// #endregion
