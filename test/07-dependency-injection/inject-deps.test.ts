import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '#lib/db';
import { createInvoiceHandlers, DUE_DAYS, type Clock } from '@exercise/07-dependency-injection/inject-deps';
import { decimalIntText, ID_RANGE, parseDecimalInt } from '../../src/workbook/testing/boundaries.ts';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { expectOneWinner, expectOwnResponses } from '../../src/workbook/testing/leaks.ts';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { expectResponse, type ReadResponse } from '../../src/workbook/testing/responses.ts';
import { eachTimeZone } from '../../src/workbook/testing/time-zones.ts';
import { ACME, ALICE, BOB, BOBS_INVOICE, INV_001, INV_002, INV_003 } from '../fixtures/billing.ts';
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

/** A clock that moves on by `stepMs` every time it is read, as a real one does between two reads. */
function tickingClock(iso: string, stepMs: number): Clock & { readings: Date[] } {
  let now = new Date(iso).getTime();
  const readings: Date[] = [];
  return {
    readings,
    now: () => {
      const reading = new Date(now);
      readings.push(reading);
      now += stepMs;
      return new Date(reading.getTime());
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

type Handlers = ReturnType<typeof createInvoiceHandlers>;

async function pay(handlers: Handlers, id: string, userId = ALICE): Promise<ReadResponse> {
  const ctx = { user: { id: userId }, params: { id } };
  return read(await handlers.markPaid(request('POST', `/invoices/${encodeURIComponent(id)}/pay`), ctx));
}

async function overdue(handlers: Handlers, userId = ALICE): Promise<ReadResponse> {
  return read(await handlers.overdue(request('GET', '/invoices/overdue'), { user: { id: userId } }));
}

async function invoiceRow(id: number) {
  const { rows } = await db.direct.query('SELECT status, paid_at FROM billing_invoice WHERE id = $1', [id]);
  return rows[0] as { status: string; paid_at: Date | null };
}
const storedPaidAt = async (id: number) => {
  const paidAt = (await invoiceRow(id)).paid_at;
  return paidAt === null ? null : new Date(paidAt).toISOString();
};

const paid = (id: number, number: string, paidAt: string) => ({ status: 200, json: { equals: { id, number, status: 'paid', paidAt } } });
const NOT_FOUND = { status: 404, json: { equals: { error: 'not_found' } } };
const notPayable = (status: string) => ({ status: 409, json: { equals: { error: 'not_payable', status } } });
const INVALID_ID = { status: 400, json: { equals: { error: 'invalid_id' } } };

type OverdueAnswer = { asOf: string; invoices: { id: number; number: string; totalCents: number }[] };
/** The overdue answer, checked asOf first, then the list by invoice number, then the whole body (status and JSON type too). */
async function expectOverdue(res: ReadResponse, want: OverdueAnswer) {
  expect(res.status, `expected status 200, got ${res.status} (body: ${res.text})`).toBe(200);
  expect(res.json?.asOf, `asOf must be the clock’s UTC date, whatever the server’s time zone (here ${process.env.TZ ?? 'unset'})`).toBe(want.asOf);
  const numbers = (res.json?.invoices ?? []).map((i: { number?: string }) => i.number);
  expect(numbers, `the invoices overdue as of ${want.asOf}`).toEqual(want.invoices.map((i) => i.number));
  await expectResponse(res, { status: 200, json: { equals: want } });
}

// ---------------------------------------------------------------- extra rows for order and date edges

/**
 * Alice's sent invoices beyond the seed's INV-002, inserted out of id order:
 * four issued on one day (a missing id tie-break shows), and days whose due
 * date falls on a month end, a year end and 28 February.
 */
const EXTRA = [
  { id: 3013, number: 'INV-013', issued: '2026-01-10', cents: 1300 },
  { id: 3010, number: 'INV-010', issued: '2026-01-10', cents: 1000 },
  { id: 3016, number: 'INV-016', issued: '2026-01-29', cents: 1600 },
  { id: 3012, number: 'INV-012', issued: '2026-01-10', cents: 1200 },
  { id: 3015, number: 'INV-015', issued: '2025-12-01', cents: 1500 },
  { id: 3011, number: 'INV-011', issued: '2026-01-10', cents: 1100 },
  { id: 3014, number: 'INV-014', issued: '2026-03-01', cents: 1400 },
] as const;
const SEED_SENT = { id: INV_002, number: 'INV-002', issued: '2026-02-01', cents: 8990 };

async function insertExtraInvoices() {
  for (const row of EXTRA) {
    await db.direct.query(
      `INSERT INTO billing_invoice (id, owner_id, customer_id, number, status, total_cents, issued_on) VALUES ($1, $2, $3, $4, 'sent', $5, $6)`,
      [row.id, ALICE, ACME, row.number, row.cents, row.issued],
    );
  }
}

const DAY_MS = 86_400_000;
/** The plain oracle: Alice's sent invoices issued more than DUE_DAYS days before the instant's UTC date, by issue date then id. */
function expectedOverdue(instant: Date, rows: readonly { id: number; number: string; issued: string; cents: number }[]) {
  const asOf = instant.toISOString().slice(0, 10);
  const cutoff = new Date(Date.parse(`${asOf}T00:00:00Z`) - DUE_DAYS * DAY_MS).toISOString().slice(0, 10);
  const invoices = rows
    .filter((r) => r.issued < cutoff)
    .sort((a, b) => (a.issued === b.issued ? a.id - b.id : a.issued < b.issued ? -1 : 1))
    .map((r) => ({ id: r.id, number: r.number, totalCents: r.cents }));
  return { asOf, invoices };
}

const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Instants around each row's due date (the day before, on, after) at times of day that put one of the far zones on another date, and anywhere in the half-year. */
const instants: fc.Arbitrary<Date> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...[...EXTRA, SEED_SENT].map((r) => plusDays(r.issued, DUE_DAYS))),
      fc.integer({ min: -1, max: 1 }),
      fc.constantFrom('00:00:00.000', '05:30:00.000', '09:59:59.999', '10:00:00.000', '10:59:59.999', '11:00:00.000', '12:00:00.000', '23:59:59.999'),
    )
    .map(([due, shift, time]) => new Date(`${plusDays(due, shift)}T${time}Z`)),
  fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-06-30T23:59:59Z'), noInvalidDate: true }),
);

// ---------------------------------------------------------------- the tests

eachTimeZone(
  'inject-deps',
  () => {
    describe('inject-deps: markPaid', () => {
      it('marks a sent invoice paid at the injected clock’s time, in the injected database', async () => {
        const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-10T09:30:00.000Z') });
        await expectResponse(await pay(handlers, String(INV_002)), paid(INV_002, 'INV-002', '2026-03-10T09:30:00.000Z'));
        expect((await invoiceRow(INV_002)).status).toBe('paid');
        expect(await storedPaidAt(INV_002)).toBe('2026-03-10T09:30:00.000Z');
      });

      it('stores the very instant it returns: one reading of the clock per request', async () => {
        const clock = tickingClock('2026-03-10T09:30:00.000Z', 1_000);
        const handlers = createInvoiceHandlers({ db: db.pool, clock });
        const res = await expectResponse(await pay(handlers, String(INV_002)), { status: 200 });
        const stored = await storedPaidAt(INV_002);
        expect(res.json.paidAt, `answered paidAt ${res.json.paidAt} but stored ${stored}: read clock.now() once and use that value for both`).toBe(stored);
        expect(clock.readings.map((d) => d.toISOString())).toContain(stored);
      });

      it('reads the clock on every request, not once when the handlers are built', async () => {
        const clock = fixedClock('2026-03-10T09:30:00.000Z');
        const handlers = createInvoiceHandlers({ db: db.pool, clock });
        clock.set('2026-04-01T08:00:00.000Z');
        await expectResponse(await pay(handlers, String(INV_002)), paid(INV_002, 'INV-002', '2026-04-01T08:00:00.000Z'));
        clock.set('2026-04-02T17:45:00.000Z');
        await expectResponse(await pay(handlers, String(BOBS_INVOICE), BOB), paid(BOBS_INVOICE, 'GLX-001', '2026-04-02T17:45:00.000Z'));
        expect(await storedPaidAt(BOBS_INVOICE)).toBe('2026-04-02T17:45:00.000Z');
      });

      it('pays an invoice once: the second attempt is a 409 and keeps the first time', async () => {
        const clock = fixedClock('2026-03-10T09:30:00.000Z');
        const handlers = createInvoiceHandlers({ db: db.pool, clock });
        await expectResponse(await pay(handlers, String(INV_002)), { status: 200 });
        clock.set('2026-03-11T10:00:00.000Z');
        await expectResponse(await pay(handlers, String(INV_002)), notPayable('paid'));
        expect(await storedPaidAt(INV_002)).toBe('2026-03-10T09:30:00.000Z');
      });
    });

    describe('inject-deps: overdue', () => {
      it('lists nothing on the day INV-002 falls due (2026-03-03, UTC)', async () => {
        const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-03T23:59:59.000Z') });
        await expectOverdue(await overdue(handlers), { asOf: '2026-03-03', invoices: [] });
      });

      it('lists INV-002 from the next day, as the same handlers’ clock moves on', async () => {
        const clock = fixedClock('2026-03-03T12:00:00.000Z');
        const handlers = createInvoiceHandlers({ db: db.pool, clock });
        await expectOverdue(await overdue(handlers), { asOf: '2026-03-03', invoices: [] });
        clock.set('2026-03-04T00:00:00.000Z');
        await expectOverdue(await overdue(handlers), { asOf: '2026-03-04', invoices: [{ id: INV_002, number: 'INV-002', totalCents: 8990 }] });
      });

      it('lists exactly the sent invoices issued more than DUE_DAYS days before the clock’s UTC date, for any instant', async () => {
        await insertExtraInvoices();
        const clock = fixedClock('2026-01-01T00:00:00.000Z');
        const handlers = createInvoiceHandlers({ db: db.pool, clock });
        await checkProperty(
          'overdue follows the clock’s UTC date',
          instants,
          async (instant) => {
            clock.set(instant.toISOString());
            const res = await overdue(handlers);
            const want = expectedOverdue(instant, [...EXTRA, SEED_SENT]);
            if (res.status !== 200) return `answered ${res.status} ${res.text}`;
            if (res.json?.asOf !== want.asOf) return `gave asOf ${JSON.stringify(res.json?.asOf)}; the clock’s UTC date is ${want.asOf}`;
            const got = (res.json.invoices ?? []).map((i: { number: string }) => i.number).join(', ') || 'nothing';
            const wanted = want.invoices.map((i) => i.number).join(', ') || 'nothing';
            if (got !== wanted) return `listed ${got}; expected ${wanted}`;
            await expectResponse(res, { status: 200, json: { equals: want } });
          },
          { show: (instant) => `clock at ${instant.toISOString()} (${process.env.TZ} local: ${instant.toString().slice(0, 24)})`, numRuns: 60 },
        );
      });

      it('computes asOf and the cut-off from one reading of the clock, even when it ticks past midnight', async () => {
        // Due 2026-03-03: not overdue on the 3rd, overdue on the 4th. The clock reads 23:59:59.999 first, then the next day.
        const clock = tickingClock('2026-03-03T23:59:59.999Z', 1);
        const handlers = createInvoiceHandlers({ db: db.pool, clock });
        const res = await expectResponse(await overdue(handlers), { status: 200 });
        const asOf: string = res.json.asOf;
        const reading = clock.readings.find((d) => d.toISOString().slice(0, 10) === asOf);
        expect(reading, `asOf ${asOf} is not the date of any clock reading`).toBeDefined();
        expect(res.json, `asOf ${asOf} but a list for another day: compute both from one clock.now()`).toEqual(expectedOverdue(reading!, [SEED_SENT]));
      });

      it('sees what markPaid wrote: a paid invoice is no longer overdue', async () => {
        const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-23T10:00:00.000Z') });
        await expectResponse(await pay(handlers, String(INV_002)), { status: 200 });
        await expectOverdue(await overdue(handlers), { asOf: '2026-03-23', invoices: [] });
      });
    });
  },
  { db },
);

describe('inject-deps: markPaid', () => {
  it('sends its queries through the database it was given, not one it imported', async () => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-10T09:30:00.000Z') });
    await pay(handlers, String(INV_002));
    expect(db.queries.length).toBeGreaterThan(0);
  });

  it('returns 404, not 403, for another owner’s invoice, and leaves it unpaid', async () => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-10T09:30:00.000Z') });
    const other = await expectResponse(await pay(handlers, String(BOBS_INVOICE)), NOT_FOUND);
    const missing = await expectResponse(await pay(handlers, '999'), NOT_FOUND);
    expect(other.text).toBe(missing.text);
    expect(await invoiceRow(BOBS_INVOICE)).toEqual({ status: 'sent', paid_at: null });
  });

  it.each([
    [String(INV_001), 'paid'],
    [String(INV_003), 'draft'],
  ])('returns 409 not_payable for invoice %s, which is %s', async (id, status) => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-10T09:30:00.000Z') });
    await expectResponse(await pay(handlers, id), notPayable(status));
    expect(await invoiceRow(Number(id))).toEqual({ status, paid_at: null });
  });

  it('lets exactly one of two overlapping payments of one invoice win, and keeps the winner’s time', async () => {
    const clock = tickingClock('2026-03-10T09:30:00.000Z', 60_000);
    const handlers = createInvoiceHandlers({ db: db.pool, clock });
    const results = await expectOneWinner(2, () => pay(handlers, String(INV_002)), (res) => res.status === 200, 'payments of INV-002');
    const winner = results.find((res) => res.status === 200)!;
    const loser = results.find((res) => res.status !== 200)!;
    await expectResponse(loser, notPayable('paid'));
    expect(await storedPaidAt(INV_002), 'the stored paid_at is not the time the winner answered').toBe(winner.json.paidAt);
  });

  it.each(['2147483648', '9007199254740991'])('looks up the bigint id %s (404 from an empty database, after a query; not a 400)', async (id) => {
    const empty = emptyDb();
    const handlers = createInvoiceHandlers({ db: empty, clock: fixedClock('2026-03-10T09:30:00.000Z') });
    await expectResponse(await pay(handlers, id), NOT_FOUND);
    expect(empty.texts.length, 'the id must be looked up').toBeGreaterThan(0);
  });

  it('returns 400 invalid_id without querying for any id that is not a positive integer up to Number.MAX_SAFE_INTEGER in plain digits', async () => {
    const empty = emptyDb();
    const handlers = createInvoiceHandlers({ db: empty, clock: fixedClock('2026-03-10T09:30:00.000Z') });
    await checkProperty(
      'an invoice id is plain digits from 1 to Number.MAX_SAFE_INTEGER',
      decimalIntText(ID_RANGE),
      async (id) => {
        empty.texts.length = 0;
        const res = await pay(handlers, id);
        if (parseDecimalInt(id, ID_RANGE) === undefined) {
          if (res.status !== 400) return `was answered ${res.status}; expected 400 invalid_id`;
          if (empty.texts.length > 0) return 'was sent to the database; expected a 400 before any query';
          await expectResponse(res, INVALID_ID);
        } else {
          if (res.status === 400) return 'was refused with 400; it is a valid id';
          // The empty database has no such invoice.
          await expectResponse(res, NOT_FOUND);
        }
      },
      { show: (id) => `/invoices/${JSON.stringify(id)}/pay`, numRuns: 150 },
    );
  });

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
  it('lists only the signed-in user’s invoices', async () => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-23T10:00:00.000Z') });
    await expectOverdue(await overdue(handlers, BOB), { asOf: '2026-03-23', invoices: [{ id: BOBS_INVOICE, number: 'GLX-001', totalCents: 50000 }] });
    await expectOverdue(await overdue(handlers, ALICE), { asOf: '2026-03-23', invoices: [{ id: INV_002, number: 'INV-002', totalCents: 8990 }] });
  });

  it('lists invoices issued on the same day by id, oldest first', async () => {
    await insertExtraInvoices();
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-20T10:00:00.000Z') });
    const res = await expectResponse(await overdue(handlers), { status: 200 });
    const order = res.json.invoices.map((i: { id: number }) => i.id);
    expect(order, 'INV-010 to INV-013 share an issue date: break the tie with ORDER BY issued_on, id').toEqual([3015, 3010, 3011, 3012, 3013, 3016, INV_002]);
  });

  it('answers overlapping requests through one handler set each with its own user’s list', async () => {
    const handlers = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-23T10:00:00.000Z') });
    const lists: Record<number, number[]> = { [ALICE]: [INV_002], [BOB]: [BOBS_INVOICE] };
    let next = 0;
    await expectOwnResponses({
      makeCtx: () => ({ user: { id: next++ % 2 === 0 ? ALICE : BOB } }),
      call: async (_i, ctx) => ({ userId: ctx.user.id, res: await read(await handlers.overdue(request('GET', '/invoices/overdue'), ctx)) }),
      check: (_i, { userId, res }) => {
        const ids = (res.json?.invoices ?? []).map((i: { id: number }) => i.id);
        if (JSON.stringify(ids) !== JSON.stringify(lists[userId])) return `user ${userId} got invoices ${JSON.stringify(ids)}`;
      },
    });
  });
});

describe('inject-deps: no module-level state', () => {
  it('keeps two handler sets on two databases apart, whichever was built last', async () => {
    const clock = fixedClock('2026-03-23T10:00:00.000Z');
    const real = createInvoiceHandlers({ db: db.pool, clock });
    const empty = emptyDb();
    const other = createInvoiceHandlers({ db: empty, clock });

    await expectResponse(await pay(real, String(INV_002)), { status: 200 });
    expect((await invoiceRow(INV_002)).status).toBe('paid');
    expect(empty.texts).toHaveLength(0);

    await expectResponse(await pay(other, String(BOBS_INVOICE), BOB), NOT_FOUND);
    expect(empty.texts.length).toBeGreaterThan(0);
    expect((await invoiceRow(BOBS_INVOICE)).status).toBe('sent');
  });

  it('gives each handler set its own clock', async () => {
    const early = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-01T10:00:00.000Z') });
    const late = createInvoiceHandlers({ db: db.pool, clock: fixedClock('2026-03-23T10:00:00.000Z') });
    await expectOverdue(await overdue(early), { asOf: '2026-03-01', invoices: [] });
    expect((await overdue(late)).json.asOf).toBe('2026-03-23');
  });
});
