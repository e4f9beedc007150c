/**
 * Proofs of chapter 3's "Check yourself" answers
 * (content/03-sql-first/check-yourself.ts), on real Postgres (PGlite)
 * seeded like the exercises.
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import questions from '../../content/03-sql-first/check-yourself.ts';
import { isThisInvoice } from '../../content/03-sql-first/snippets/ids.ts';
import { invoiceStats } from '../../content/03-sql-first/snippets/billing.queries.ts';
import { createInvoice, type Pool } from '../../content/03-sql-first/snippets/transaction.ts';
import { seededPglite } from '../../src/workbook/testing/pglite-template.ts';
import { startEngine, type EngineHandle } from '../../src/workbook/testing/engines.ts';
import { ACME, ALICE, INV_001, sqlFirst } from '../fixtures/03-sql-first.ts';
import { proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

let engine: EngineHandle;
let lite: PGlite | undefined;
let plain: pg.Pool;
beforeAll(async () => {
  engine = await startEngine('pglite', sqlFirst);
  // The same fixture behind a plain pg.Pool: node-postgres' default parsers.
  lite = await seededPglite(sqlFirst);
  plain = new pg.Pool(createPgConfig(lite));
}, 60_000);
beforeEach(async () => engine.reset());
afterAll(async () => {
  await plain?.end();
  await lite?.close();
  await engine?.close();
});

const pool = () => engine.pool as unknown as Pool;
const rows = async (table: string) => (await engine.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
const design = { description: 'Design', quantity: 2, unitPriceCents: 12500 };

proof('plain-pool-id', async () => `\`${await isThisInvoice(plain, INV_001)}\``);

proof('avg-type', async () => `a \`${typeof (await invoiceStats(pool(), { ownerId: ALICE }))!.average_cents}\``);

proof('unique-status', async () => {
  // INV-001 is already Alice's.
  const { status } = await createInvoice(pool(), ALICE, ACME, 'INV-001', '2026-05-01', [design]);
  return String(status);
});

proof('rollback', async () => {
  const before = { invoices: await rows('billing_invoice'), items: await rows('billing_lineitem') };
  const { status } = await createInvoice(pool(), ALICE, ACME, 'INV-200', '2026-05-01', [
    design,
    { description: 'Free?', quantity: 0, unitPriceCents: 1 },
  ]);
  if (status !== 422) return `status ${status}`;
  const invoiceKept = (await rows('billing_invoice')) > before.invoices;
  const itemsKept = (await rows('billing_lineitem')) > before.items;
  if (!invoiceKept && !itemsKept) return 'nothing: no invoice and no items';
  return itemsKept ? 'the invoice and the items before the refused one' : 'the invoice, without that item';
});

proof.everyQuestion();
