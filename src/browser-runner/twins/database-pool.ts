/**
 * The browser twin's way to PGlite: the CLI's own (startPglite in
 * src/workbook/testing/engines.ts), node-postgres' Pool over PGlite's
 * createPgConfig with the workbook's int8 parsers. So rows, parameter
 * encoding, rowCount, errors and connect() clients are node-postgres' own,
 * not a copy of them: int8 as a checked number (past 2^53 − 1 it throws,
 * as createPool's does), numeric as a string, date / timestamptz as Date,
 * a repeated column name keeping the last value, a query without values
 * sent with the simple protocol (several statements allowed).
 *
 * Bundled for the browser with pglite-browser-build.ts (Node built-ins that
 * pg names but never uses over PGlite, and Buffer / process globals).
 */
import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { workbookTypes } from '../../lib/db.ts';
import type { PoolLike } from '../../workbook/testing/engines.ts';

export function poolOver(lite: PGlite): PoolLike {
  return new pg.Pool({ ...createPgConfig(lite), types: workbookTypes }) as unknown as PoolLike;
}
