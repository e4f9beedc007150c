import { describe, expect, it } from 'vitest';
import type { Db } from '#lib/db';
import { createInvoiceHandlers, type Clock } from '@exercise/07-dependency-injection/inject-deps';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { ALICE, BOB, BOBS_INVOICE, INV_001, INV_002, INV_003 } from '../fixtures/billing.ts';
import { billingWithPaidAt } from '../fixtures/07-dependency-injection.ts';

const db = useDatabase('inject-deps', billingWithPaidAt);

/** A clock the test moves by hand: no sleeping, no fake timers needed. */
function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now.getTime()),
    set(next) {
      now = new Date(next);
    },
  };
}

/** A database that answers nothing and remembers what it was asked. */
function emptyDb(): Db & { texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    async query<Row>(text: string) {
      texts.push(text);
      return { rows: [] as Row[], rowCount: 0 };
    },
  };
}

async function pay(handlers: ReturnType<typeof createInvoiceHandlers>, id: string, userId = ALICE) {
  const ctx = { user: { id: userId }, params: { id } };
  return read(await handlers.markPaid(request('POST', `/invoices/${encodeURIComponent(id)}/pay`), ctx));
}

async function overdue(handlers: ReturnType<typeof createInvoiceHandlers>, userId = ALICE) {
  return read(await handlers.overdue(request('GET', '/invoices/overdue'), { user: { id: userId } }));
}

async function invoiceRow(id: number) {
  const { rows } = await db.direct.query('SELECT status, paid_at FROM billing_invoice WHERE id = $1', [id]);
  return rows[0] as { status: string; paid_at: Date | null };
}

describe('inject-deps: markPaid', () => {
  it('marks a sent invoice paid at the injected clock’s time, in the injected database', async () => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-10T09:30:00.000Z') });
    const res = await pay(handlers, String(INV_002));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: INV_002, number: 'INV-002', status: 'paid', paidAt: '2026-03-10T09:30:00.000Z' });
    const row = await invoiceRow(INV_002);
    expect(row.status).toBe('paid');
    expect(new Date(row.paid_at!).toISOString()).toBe('2026-03-10T09:30:00.000Z');
  });

  it('sends its queries through the database it was given, not one it imported', async () => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-10T09:30:00.000Z') });
    await pay(handlers, String(INV_002));
    expect(db.queries.length).toBeGreaterThan(0);
  });

  it('reads the clock on every request, not once when the handlers are built', async () => {
    const clock = fixedClock('2026-03-10T09:30:00.000Z');
    const handlers = createInvoiceHandlers({ db: db.pool, clock });
    clock.set('2026-04-01T08:00:00.000Z');
    const first = await pay(handlers, String(INV_002));
    expect(first.json.paidAt).toBe('2026-04-01T08:00:00.000Z');
    clock.set('2026-04-02T17:45:00.000Z');
    const second = await pay(handlers, String(BOBS_INVOICE), BOB);
    expect(second.json.paidAt).toBe('2026-04-02T17:45:00.000Z');
    expect(new Date((await invoiceRow(BOBS_INVOICE)).paid_at!).toISOString()).toBe('2026-04-02T17:45:00.000Z');
  });

  it('returns 404, not 403, for another owner’s invoice, and leaves it unpaid', async () => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-10T09:30:00.000Z') });
    const other = await pay(handlers, String(BOBS_INVOICE));
    const missing = await pay(handlers, '999');
    expect(other.status).toBe(404);
    expect(other.json).toEqual({ error: 'not_found' });
    expect(other.text).toBe(missing.text);
    expect(await invoiceRow(BOBS_INVOICE)).toEqual({ status: 'sent', paid_at: null });
  });

  it.each([
    [String(INV_001), 'paid'],
    [String(INV_003), 'draft'],
  ])('returns 409 not_payable for invoice %s, which is %s', async (id, status) => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-10T09:30:00.000Z') });
    const res = await pay(handlers, id);
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ error: 'not_payable', status });
    expect((await invoiceRow(Number(id))).paid_at).toBeNull();
  });

  it('pays an invoice once: the second attempt is a 409 and keeps the first time', async () => {
    const clock = fixedClock('2026-03-10T09:30:00.000Z');
    const handlers = createInvoiceHandlers({ db: db.pool, clock });
    await pay(handlers, String(INV_002));
    clock.set('2026-03-11T10:00:00.000Z');
    const again = await pay(handlers, String(INV_002));
    expect(again.status).toBe(409);
    expect(new Date((await invoiceRow(INV_002)).paid_at!).toISOString()).toBe('2026-03-10T09:30:00.000Z');
  });

  it.each(['abc', '0', '-1', '1.5', '1e3', '12abc', '', '2147483648', "2' OR '1'='1"])(
    'returns 400 without querying for the malformed id %j',
    async (id) => {
      const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-10T09:30:00.000Z') });
      const res = await pay(handlers, id);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: 'invalid_id' });
      expect(db.queries).toHaveLength(0);
    },
  );

  it('never pastes values into the SQL text', async () => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-10T09:30:00.000Z') });
    await pay(handlers, String(INV_003));
    await overdue(handlers);
    expect(db.queries.length).toBeGreaterThan(0);
    for (const q of db.queries) {
      expect(q.text).not.toMatch(/2026-/);
      expect(q.text).not.toMatch(new RegExp(`=\\s*'?${INV_003}\\b`));
    }
  });
});

describe('inject-deps: overdue', () => {
  it('lists nothing on the day INV-002 falls due (2026-03-03, UTC)', async () => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-03T23:59:59.000Z') });
    const res = await overdue(handlers);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ asOf: '2026-03-03', invoices: [] });
  });

  it('lists INV-002 from the next day, as the same handlers’ clock moves on', async () => {
    const clock = fixedClock('2026-03-03T12:00:00.000Z');
    const handlers = createInvoiceHandlers({ db: db.pool, clock });
    expect((await overdue(handlers)).json.invoices).toEqual([]);
    clock.set('2026-03-04T00:00:00.000Z');
    expect((await overdue(handlers)).json).toEqual({
      asOf: '2026-03-04',
      invoices: [{ id: INV_002, number: 'INV-002', totalCents: 8990 }],
    });
  });

  it('lists only the signed-in user’s invoices', async () => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-23T10:00:00.000Z') });
    expect((await overdue(handlers, BOB)).json.invoices).toEqual([{ id: BOBS_INVOICE, number: 'GLX-001', totalCents: 50000 }]);
    expect((await overdue(handlers, ALICE)).json.invoices).toEqual([{ id: INV_002, number: 'INV-002', totalCents: 8990 }]);
  });

  it('sees what markPaid wrote: a paid invoice is no longer overdue', async () => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-23T10:00:00.000Z') });
    await pay(handlers, String(INV_002));
    expect((await overdue(handlers)).json.invoices).toEqual([]);
  });
});

describe('inject-deps: no module-level state', () => {
  it('keeps two handler sets on two databases apart, whichever was built last', async () => {
    const clock = fixedClock('2026-03-23T10:00:00.000Z');
    const real = createInvoiceHandlers({ db: db.pool, clock });
    const empty = emptyDb();
    const other = createInvoiceHandlers({ db: empty, clock });

    const paid = await pay(real, String(INV_002));
    expect(paid.status).toBe(200);
    expect((await invoiceRow(INV_002)).status).toBe('paid');
    expect(empty.texts).toHaveLength(0);

    const fromOther = await pay(other, String(BOBS_INVOICE), BOB);
    expect(fromOther.status).toBe(404);
    expect(empty.texts.length).toBeGreaterThan(0);
    expect((await invoiceRow(BOBS_INVOICE)).status).toBe('sent');
  });

  it('gives each handler set its own clock', async () => {
    const early = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-01T10:00:00.000Z') });
    const late = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-23T10:00:00.000Z') });
    expect((await overdue(early)).json).toEqual({ asOf: '2026-03-01', invoices: [] });
    expect((await overdue(late)).json.asOf).toBe('2026-03-23');
  });
});
