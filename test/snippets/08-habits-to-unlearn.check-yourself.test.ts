/**
 * Proofs of chapter 8's "Check yourself" answers
 * (content/08-habits-to-unlearn/check-yourself.ts), against the billing
 * fixture in pg-mem, as the chapter's own tests run them.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Db } from '#lib/db';
import questions from '../../content/08-habits-to-unlearn/check-yourself.ts';
import { createService } from '../../content/08-habits-to-unlearn/snippets/service.ts';
import { markPaid } from '../../content/08-habits-to-unlearn/snippets/pay.ts';
import { startEngine, type EngineHandle } from '../../src/workbook/testing/engines.ts';
import { ALICE, billing, INV_002 } from '../fixtures/billing.ts';
import { proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

let engine: EngineHandle;
beforeAll(async () => {
  engine = await startEngine('pg-mem', billing);
}, 60_000);
beforeEach(async () => engine.reset());
afterAll(async () => engine.close());
const db = (): Db => engine.pool as unknown as Db;

/** Authentication reduced to one known token (chapter 4 builds the real one). */
const userOf = async (req: Request) => (req.headers.get('Authorization') === 'Bearer alice-token' ? ALICE : null);
const alice = { Authorization: 'Bearer alice-token' };

proof('anonymous', async () => String((await createService(db(), userOf).request('/api/invoices')).status));

proof('repeated-status', async () => {
  const res = await createService(db(), userOf).request('/api/invoices?status=draft&status=paid', { headers: alice });
  if (res.status === 422) return 'none: it answers 422';
  const statuses = new Set(((await res.json()) as { invoices: { status: string }[] }).invoices.map((i) => i.status));
  if (statuses.size === 2) return 'both';
  return statuses.has('draft') ? 'the drafts' : statuses.has('paid') ? 'the paid ones' : `statuses ${[...statuses]}`;
});

proof('pay-twice', async () => {
  // INV-002 is Alice's sent invoice.
  await markPaid(db(), ALICE, INV_002);
  try {
    const second = await markPaid(db(), ALICE, INV_002);
    return second.ok ? '`{ ok: true }` again' : `\`{ ok: false, error: "${second.error}" }\``;
  } catch (error) {
    return `it throws \`${(error as Error).name}\``;
  }
});

proof.everyQuestion();
