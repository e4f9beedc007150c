/**
 * Proofs of chapter 1's "Check yourself" answers
 * (content/01-shape-of-a-service/check-yourself.ts): each runs the
 * behaviour the question asks about and must observe the answer the page shows.
 */
import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import questions from '../../content/01-shape-of-a-service/check-yourself.ts';
import { hello } from '../../content/01-shape-of-a-service/snippets/handler.ts';
import { parseIdLoosely } from '../../content/01-shape-of-a-service/snippets/parse-id.ts';
import { customerDetail } from '../../content/01-shape-of-a-service/snippets/detail.ts';
import { startEngine, type EngineHandle } from '../../src/workbook/testing/engines.ts';
import { request } from '../../src/workbook/testing/http.ts';
import { ALICE, billing, GLOBEX } from '../fixtures/billing.ts';
import { jsValue, proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

let handle: EngineHandle;
beforeAll(async () => {
  handle = await startEngine('pglite', billing);
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

proof('inherited-key', () => String(hello(request('GET', '/hello?lang=toString')).status));

proof('number-hex', () => `\`${parseIdLoosely('0x10')}\``);

proof('not-yours', async () => {
  // GLOBEX is Bob's customer; Alice asks for it.
  const res = await customerDetail(request('GET', `/customers/${GLOBEX}`), {
    user: { id: ALICE, username: 'alice' },
    db: handle.pool,
    params: { id: String(GLOBEX) },
  });
  return String(res.status);
});

proof('count-type', async () => {
  // node-postgres' own parsers (pg.types), as a pg.Pool made without the
  // workbook's createPool() has them; billing_invoice holds four rows.
  const pool = handle.pool as unknown as pg.Pool;
  const { rows } = await pool.query({ text: 'SELECT count(*) AS n FROM billing_invoice', types: pg.types });
  return jsValue(rows[0].n);
});

proof.everyQuestion();
