/**
 * POST /invoices — an invoice and its line items, all or nothing.
 *
 * Django: `with transaction.atomic():` around Invoice.objects.create() and
 * LineItem.objects.bulk_create(), and `except IntegrityError` for the
 * duplicate number. Here: withTransaction() plays transaction.atomic, and
 * the SQLSTATE on the error (23505, 23503, 23514) picks the status code.
 */
import { z } from 'zod';
import type { Db } from '#lib/db';
import { insertInvoice, insertLineItems } from './create-with-items.queries.ts';

/** A checked-out connection: node-postgres' PoolClient, reduced to what we use. */
export interface PoolClient extends Db {
  release(err?: Error | boolean): void;
}
export interface Pool extends Db {
  connect(): Promise<PoolClient>;
}

export interface CreateContext {
  user: { id: number };
  pool: Pool;
}

/**
 * transaction.atomic for node-postgres. Every statement must go through
 * `client`: pool.query() would run on another connection, outside the
 * transaction (and with a pool of one it waits forever).
 */
export async function withTransaction<T>(pool: Pool, fn: (client: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch (rollbackError) {
      // The connection is broken: tell the pool to discard it, not reuse it.
      client.release(rollbackError instanceof Error ? rollbackError : true);
    }
    throw error;
  }
}

/**
 * Text as Django's CharField(max_length=…) takes it: surrounding whitespace
 * trimmed, 1–max characters (zod counts code points, as Python does: an
 * emoji is one), and no NUL, which Postgres text cannot store (Django's
 * forms refuse it too).
 */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'no NUL characters');

const Body = z.strictObject({
  // billing_customer.id is bigint; zod 4's .int() accepts exactly the safe
  // integers (up to 2^53 − 1), the workbook's int8 convention.
  customerId: z.number().int().positive(),
  number: text(32),
  // A real calendar day; Postgres has no year 0 (z.iso.date() allows 0000).
  issuedOn: z.iso.date().refine((day) => !day.startsWith('0000'), 'no year 0'),
  items: z
    .array(
      z.strictObject({
        description: text(200),
        // Value rules (quantity > 0, price >= 0) are CHECK constraints in
        // the schema; the database is the one place they are enforced.
        quantity: z.number().int().min(-2_147_483_648).max(2_147_483_647),
        unitPriceCents: z.number().int().min(-2_147_483_648).max(2_147_483_647),
      }),
    )
    .min(1)
    .max(100),
});

/** Thrown inside the transaction to roll it back with a chosen answer. */
class Reject extends Error {
  constructor(readonly response: Response) {
    super('rejected');
  }
}

/** SQLSTATE → HTTP: constraint violations are the client's fault, never a 500. */
function constraintResponse(error: unknown, number: string): Response | null {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case '23505': // unique_violation: billing_invoice_owner_number
      return Response.json(
        { error: 'duplicate_number', message: `You already have an invoice numbered ${number}.`, field: 'number' },
        { status: 409 },
      );
    case '23503': // foreign_key_violation
      return Response.json({ error: 'unknown_customer' }, { status: 422 });
    case '23514': // check_violation: quantity or price out of range
    case '22003': // numeric_value_out_of_range: a total beyond int4
      return Response.json({ error: 'invalid_item' }, { status: 422 });
    default:
      return null;
  }
}

export async function createWithItems(request: Request, ctx: CreateContext): Promise<Response> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return Response.json({ error: 'invalid_json' }, { status: 400 });
  }
  const parsed = Body.safeParse(json);
  if (!parsed.success) {
    return Response.json({ error: 'invalid_body', issues: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  }
  const body = parsed.data;
  // Integer cents: exact. A float total (price / 100 * quantity) is not.
  const totalCents = body.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);

  try {
    const invoice = await withTransaction(ctx.pool, async (db) => {
      const row = await insertInvoice(db, {
        ownerId: ctx.user.id,
        customerId: body.customerId,
        number: body.number,
        issuedOn: body.issuedOn,
        totalCents,
      });
      if (!row) throw new Reject(Response.json({ error: 'unknown_customer' }, { status: 422 }));
      await insertLineItems(db, {
        invoiceId: row.id,
        descriptions: body.items.map((i) => i.description),
        quantities: body.items.map((i) => i.quantity),
        unitPricesCents: body.items.map((i) => i.unitPriceCents),
      });
      return row;
    });
    return Response.json(
      { id: invoice.id, number: invoice.number, totalCents: invoice.total_cents, items: body.items.length },
      { status: 201 },
    );
  } catch (error) {
    if (error instanceof Reject) return error.response;
    const mapped = constraintResponse(error, body.number);
    if (mapped) return mapped;
    throw error; // a real failure: let the error boundary answer 500
  }
}
