/**
 * Proofs of chapter 12's "Check yourself" answers
 * (content/12-schema-handover/check-yourself.ts): each starts from the
 * billing database as Django's migrations made it, runs the chapter's
 * migrations with node-pg-migrate and observes the answer.
 */
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import questions from '../../content/12-schema-handover/check-yourself.ts';
import { backfillNotes } from '../../content/12-schema-handover/snippets/backfill.ts';
import { migrate } from '../../content/12-schema-handover/snippets/migrate.ts';
import { seededPglite } from '../../src/workbook/testing/pglite-template.ts';
import { billing, INV_001 } from '../fixtures/billing.ts';
import { proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

/** A fresh billing database (Django's schema and rows) for one proof. */
async function withDatabase<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const lite = await seededPglite(billing);
  const client = new pg.Client(createPgConfig(lite));
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
    await lite.close();
  }
}

proof('default-before-trigger',
  () =>
    withDatabase(async (client) => {
      await migrate(client, 'up', 1);
      const { rows } = await client.query(
        "INSERT INTO billing_invoice (owner_id, customer_id, total_cents, note) SELECT owner_id, customer_id, 1, 'Net 30' FROM billing_invoice WHERE id = $1 RETURNING memo",
        [INV_001],
      );
      const memo = rows[0].memo as string;
      return memo === '' ? 'an empty string, the default' : `\`${memo}\``;
    }),
  60_000,
);

proof('backfill-statements',
  () =>
    withDatabase(async (client) => {
      await migrate(client, 'up', 1);
      await client.query('DELETE FROM billing_invoice WHERE id = $1', [INV_001]); // 4 seeded invoices → 3
      let updates = 0;
      const counting = { query: (text: string, values?: readonly unknown[]) => ((updates += /^\s*UPDATE/i.test(text) ? 1 : 0), client.query(text, values as unknown[])) };
      await backfillNotes(counting as never, 2);
      return String(updates);
    }),
  60_000,
);

proof('contract-down',
  () =>
    withDatabase(async (client) => {
      await migrate(client, 'up', 1);
      await backfillNotes(client);
      await migrate(client, 'up');
      const before = (await client.query('SELECT name FROM pgmigrations ORDER BY id')).rows.map((r) => r.name);
      try {
        await migrate(client, 'down', 1);
      } catch {
        const after = (await client.query('SELECT name FROM pgmigrations ORDER BY id')).rows.map((r) => r.name);
        const memo = (await client.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'billing_invoice' AND column_name = 'memo'")).rowCount;
        return JSON.stringify(after) === JSON.stringify(before) && memo === 0 ? 'node-pg-migrate refuses with an error and changes nothing' : 'it threw, but changed something';
      }
      const memo = (await client.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'billing_invoice' AND column_name = 'memo'")).rowCount;
      return memo ? 'it re-creates `memo`, empty' : 'it marks the contract as undone and changes nothing';
    }),
  60_000,
);

proof('insert-only-trigger',
  () =>
    withDatabase(async (client) => {
      await migrate(client, 'up', 1);
      await client.query(`
        DROP TRIGGER billing_invoice_sync_note ON billing_invoice;
        CREATE TRIGGER billing_invoice_sync_note BEFORE INSERT ON billing_invoice
          FOR EACH ROW EXECUTE FUNCTION billing_invoice_sync_note();`);
      await client.query("UPDATE billing_invoice SET memo = 'Due on receipt' WHERE id = $1", [INV_001]);
      await backfillNotes(client, 10);
      await client.query("UPDATE billing_invoice SET memo = 'Paid' WHERE id = $1", [INV_001]);
      const note = (await client.query('SELECT note FROM billing_invoice WHERE id = $1', [INV_001])).rows[0].note as string | null;
      return note === null ? 'NULL' : note === 'Paid' ? '`Paid`' : note === 'Due on receipt' ? 'the memo from before the update' : `\`${note}\``;
    }),
  60_000,
);

proof.everyQuestion();
