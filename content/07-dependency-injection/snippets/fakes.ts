/** Fakes a test passes where production passes pg, the clock and HTTP. */
import { newDb } from 'pg-mem';
import type { Db } from '#lib/db';
import type { Logger } from './logger.ts';
import type { Receipt, Receipts } from './receipts.ts';

const SCHEMA = `
  CREATE TABLE billing_invoice (
    id serial PRIMARY KEY, owner_id integer NOT NULL,
    number text NOT NULL, status text NOT NULL,
    issued_on date NOT NULL, paid_at timestamptz);
  CREATE TABLE api_token (token_sha256 text PRIMARY KEY, user_id integer NOT NULL);
  INSERT INTO billing_invoice (owner_id, number, status, issued_on) VALUES
    (1, 'INV-001', 'paid', '2026-01-15'), (1, 'INV-002', 'sent', '2026-02-01');
  -- sha256('alice-token-0123456789'): only digests are stored (chapter 4).
  INSERT INTO api_token VALUES ('965b04f03a8200d4bff70f6df635c1d4d3e9c9a1d164d415efc95b9304bfbaf2', 1);`;

// #region fakes
/** A fresh in-memory Postgres per call: nothing shared between tests. */
export function memoryDb(): Db {
  const mem = newDb();
  mem.public.none(SCHEMA);
  const { Pool } = mem.adapters.createPg();
  return new Pool() as Db;
}

export function recordingReceipts(): Receipts & { sent: Receipt[] } {
  const sent: Receipt[] = [];
  return { sent, send: async (receipt) => void sent.push(receipt) };
}

export const silentLogger: Logger = { info() {}, error() {} };
// #endregion
