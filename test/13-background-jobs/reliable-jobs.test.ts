/**
 * Grader for reliable-jobs (chapter 13), on PGlite: real PostgreSQL in
 * process, with a real pg-boss 12 started on it (pg-boss has a PGlite
 * adapter; graphile-worker has none). pg-boss's schema is part of the
 * fixture's template (test/fixtures/13-background-jobs.ts), so each file
 * starts from a dump instead of creating it; the tables are emptied
 * between tests.
 *
 * At-least-once delivery is simulated the way it happens: the same job
 * handed to the handler twice, one after the other and at the same time;
 * a job failed after its handler committed (the worker died before it
 * told pg-boss); a COMMIT that fails after the mail went out.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fc from 'fast-check';
import { PgBoss, type Job } from 'pg-boss';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createInvoice,
  createQueues,
  SEND_INVOICE,
  SEND_INVOICE_FAILED,
  sendInvoice,
  type Client,
  type Mail,
  type Mailer,
  type NewInvoice,
  type Pool,
  type SendInvoiceData,
} from '@exercise/13-background-jobs/reliable-jobs';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { ACME, ALICE, BOB, BOBS_INVOICE, GLOBEX, INV_001, INV_002, INV_003, NEXT_INVOICE } from '../fixtures/billing.ts';
import { jobsFixture } from '../fixtures/13-background-jobs.ts';

const db = useDatabase('reliable-jobs', jobsFixture);

let boss: PgBoss;
beforeAll(async () => {
  boss = new PgBoss({
    // The grader's own connection (unrecorded); learners pass theirs per call.
    db: {
      executeSql: async (text, values) => {
        refuseOutsideTransaction(text);
        return db.direct.query(text, values);
      },
    },
    migrate: false,
    createSchema: false,
    supervise: false,
    schedule: false,
    registerInstance: false,
  });
  boss.on('error', () => {});
  await boss.start();
}, 60_000);
afterAll(async () => {
  await boss?.stop({ graceful: false, close: false });
});

// ——— the pool the code under test gets: counts clients, can fail a COMMIT ———

let checkedOut = 0;
let failNextCommit = false;

/**
 * A race a one-connection engine cannot stage, emulated as READ COMMITTED
 * runs it: a plain SELECT takes no row lock, so on a real server another
 * worker can deliver the same job and commit 'sent' between this call's
 * read of the invoice and its write. When armed, that commit is played
 * right after the first unlocking read of billing_invoice (on the same
 * session, which is what "visible to the next statement" means here).
 * An UPDATE or SELECT … FOR UPDATE locks the row first: then no other
 * worker could have slipped in, and nothing is played.
 */
let race: { invoiceId: number; played: boolean } | null = null;
const UNLOCKED_READ = (text: string) =>
  /^\s*select\b/i.test(text) && /\bbilling_invoice\b/i.test(text) && !/\bfor\s+(no\s+key\s+)?update\b|\bfor\s+(key\s+)?share\b/i.test(text);
async function afterStatement(text: string, run: (sql: string, values: unknown[]) => Promise<unknown>) {
  if (race && !race.played && UNLOCKED_READ(text)) {
    race.played = true;
    await run(`UPDATE billing_invoice SET status = 'sent' WHERE id = $1 AND status = 'draft'`, [race.invoiceId]);
  }
}

/**
 * One call of the code under test: the clients it holds right now. The
 * pool has one connection, so a statement sent around the client while the
 * call holds it would wait forever; on a real server it would run on
 * another connection, outside the transaction, and commit on its own even
 * if the transaction rolls back. Either way it is the mistake this
 * exercise is about, so it fails at once, saying so.
 */
interface Call {
  held: number;
  open: Set<Client>;
}
const calls = new AsyncLocalStorage<Call>();

/**
 * Runs one call of the code under test. A client it did not give back is
 * rolled back and released here, and the call fails saying so: with a pool
 * of one, every later statement would otherwise wait for it forever.
 */
async function asLearner<T>(fn: () => Promise<T>): Promise<T> {
  const call: Call = { held: 0, open: new Set() };
  let result: T;
  let leaked = 0;
  try {
    result = await calls.run(call, fn);
  } finally {
    for (const client of [...call.open]) {
      leaked += 1;
      await calls.run(call, () => client.query('ROLLBACK')).catch(() => {});
      client.release();
    }
  }
  if (leaked > 0) throw new Error('the call finished without releasing the client it took from the pool (release it in a finally)');
  return result;
}
function refuseOutsideTransaction(text: string) {
  if ((calls.getStore()?.held ?? 0) > 0) {
    throw new Error(
      `this statement went around your transaction's client while the transaction was open (on a real server it would run ` +
        `on another connection and commit on its own, whatever your transaction does): ${text.trim().slice(0, 60)}…`,
    );
  }
}

/**
 * The pool the code under test gets. A real pool hands out several
 * connections at once; this one's clients are handed out at once too, and
 * take the one real connection at their first statement (so overlapping
 * calls really hold clients at the same time, and wait for each other's
 * transactions, as on pglite-socket). A statement sent on a client that
 * another call checked out fails: on a real pool it would run inside that
 * other call's transaction.
 */
const pool: Pool = {
  query: async (text, values) => {
    refuseOutsideTransaction(text);
    const result = await db.pool.query(text, values);
    await afterStatement(text, (sql, v) => db.pool.query(sql, v));
    return result;
  },
  async connect() {
    checkedOut += 1;
    const call = calls.getStore();
    if (call) call.held += 1;
    let released = false;
    let real: Promise<Awaited<ReturnType<typeof db.pool.connect>>> | undefined;
    const connection = () => (real ??= db.pool.connect());
    const wrapped: Client = {
      async query(text, values) {
        if (released) throw new Error(`a statement was sent on a client after it was released: ${text.trim().slice(0, 60)}`);
        if (calls.getStore() !== call) {
          throw new Error(`a statement was sent on a client another call checked out (module-level state shared between overlapping calls): ${text.trim().slice(0, 60)}`);
        }
        const client = await connection();
        if (failNextCommit && /^\s*commit\b/i.test(text)) {
          failNextCommit = false;
          throw Object.assign(new Error('connection terminated during COMMIT'), { code: '08006' });
        }
        const result = await client.query(text, values);
        await afterStatement(text, (sql, v) => client.query(sql, v));
        return result;
      },
      release(err) {
        if (released) return;
        released = true;
        checkedOut -= 1;
        if (call) {
          call.held -= 1;
          call.open.delete(wrapped);
        }
        if (real) void real.then((client) => client.release(err));
      },
    };
    call?.open.add(wrapped);
    return wrapped;
  },
};

beforeEach(() => {
  checkedOut = 0;
  failNextCommit = false;
  race = null;
});
afterEach(() => {
  expect(checkedOut, 'every client taken from the pool is released').toBe(0);
});

// ——— helpers ———

/** The grader's own queues, so (a) and (b) are graded whatever (c) says. */
async function graderQueues() {
  await boss.createQueue(SEND_INVOICE_FAILED);
  await boss.createQueue(SEND_INVOICE, { retryLimit: 2, deadLetter: SEND_INVOICE_FAILED });
}

async function invoiceRow(id: number) {
  const { rows } = await db.direct.query(
    'SELECT id, owner_id, customer_id, number, status, total_cents, currency, issued_on::text AS issued_on FROM billing_invoice WHERE id = $1',
    [id],
  );
  return rows[0];
}
const invoiceCount = async () => (await db.direct.query('SELECT count(*)::int AS n FROM billing_invoice')).rows[0].n as number;
const jobsIn = (queue: string) => boss.findJobs<SendInvoiceData>(queue);

async function draft(number: string, totalCents = 12_345, owner = ALICE, customer = ACME): Promise<number> {
  const { rows } = await db.direct.query(
    `INSERT INTO billing_invoice (owner_id, customer_id, number, total_cents, issued_on) VALUES ($1, $2, $3, $4, '2026-03-01') RETURNING id`,
    [owner, customer, number, totalCents],
  );
  return rows[0].id;
}

/** A fake mail provider: records every call; drops a repeat of a key it has delivered, as providers with idempotency keys do. */
function fakeMailer(options: { failures?: number; always?: boolean } = {}) {
  const calls: Mail[] = [];
  const delivered = new Map<string, Mail>();
  let failures = options.failures ?? 0;
  const mailer: Mailer = {
    async send(mail) {
      calls.push(structuredClone(mail));
      await new Promise((resolve) => setTimeout(resolve, 5)); // the network: others get to run
      if (options.always || failures > 0) {
        failures -= 1;
        throw new Error('mail provider: 503 Service Unavailable');
      }
      if (!delivered.has(mail.idempotencyKey)) delivered.set(mail.idempotencyKey, structuredClone(mail));
    },
  };
  return { mailer, calls, delivered };
}

function jobFor(invoiceId: number, id = `00000000-0000-4000-8000-${String(invoiceId).padStart(12, '0')}`): Job<SendInvoiceData> {
  return { id, name: SEND_INVOICE, data: { invoiceId }, expireInSeconds: 900, heartbeatSeconds: null, retryCount: 0, signal: new AbortController().signal };
}

const expectedMail = (id: number, number: string, totalCents: number): Mail => ({ idempotencyKey: `send-invoice:${id}`, invoiceId: id, number, totalCents });

/** A thrown value's SQLSTATE, also through a wrapper's `cause`. */
const sqlState = (error: unknown): unknown => (error as any)?.code ?? (error as any)?.cause?.code;

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but it resolved');
}

const invoiceNumber = fc
  .string({ minLength: 1, maxLength: 32, unit: 'grapheme' })
  .filter((s) => !s.includes('\u0000'));
const newInvoice = fc.record({
  ownerId: fc.constantFrom(ALICE, BOB),
  number: invoiceNumber,
  totalCents: fc.integer({ min: 0, max: 2_147_483_647 }),
  issuedOn: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
});
const forOwner = (i: { ownerId: number; number: string; totalCents: number; issuedOn: string }): NewInvoice => ({
  ...i,
  customerId: i.ownerId === ALICE ? ACME : GLOBEX,
});

// ——— (a) createInvoice: the job is written in the invoice's transaction ———

// Generated inputs and pg-boss round trips: more than the default 5 s on a loaded machine.
describe('createInvoice: the invoice and its job commit together', { timeout: 30_000 }, () => {
  beforeEach(graderQueues);

  it('commits the invoice as a draft and one job whose data is exactly { invoiceId }, for generated invoices', async () => {
    let run = 0;
    await checkProperty(
      'a created invoice has its row and its job',
      newInvoice,
      async (generated) => {
        run += 1;
        const input = forOwner({ ...generated, number: `${run}-${generated.number}`.slice(0, 32) });
        const { invoiceId, jobId } = await asLearner(() => createInvoice(pool, boss, input));
        expect(typeof invoiceId, 'invoiceId is a number').toBe('number');
        expect(await invoiceRow(invoiceId)).toEqual({
          id: invoiceId,
          owner_id: input.ownerId,
          customer_id: input.customerId,
          number: input.number,
          status: 'draft',
          total_cents: input.totalCents,
          currency: 'EUR',
          issued_on: input.issuedOn,
        });
        const jobs = (await jobsIn(SEND_INVOICE)).filter((j) => j.data?.invoiceId === invoiceId);
        expect(jobs.map((j) => ({ id: j.id, data: j.data, state: j.state }))).toEqual([{ id: jobId, data: { invoiceId }, state: 'created' }]);
      },
      { numRuns: 25 },
    );
  });

  it('returns the new invoice id (3005 here), not the customer or owner id, and the job carries the same one', async () => {
    const { invoiceId, jobId } = await asLearner(() => createInvoice(pool, boss, { ownerId: BOB, customerId: GLOBEX, number: 'GLX-002', totalCents: 700, issuedOn: '2026-04-30' }));
    expect(invoiceId).toBe(NEXT_INVOICE);
    const jobs = await jobsIn(SEND_INVOICE);
    expect(jobs.map((j) => [j.id, j.data])).toEqual([[jobId, { invoiceId: NEXT_INVOICE }]]);
  });

  it('a duplicate number (23505, raised by the INSERT) rejects with that error and leaves no invoice and no job', async () => {
    const before = await invoiceCount();
    const error = await rejectionOf(asLearner(() => createInvoice(pool, boss, { ownerId: ALICE, customerId: ACME, number: 'INV-001', totalCents: 1, issuedOn: '2026-05-01' })));
    expect(sqlState(error), String(error)).toBe('23505');
    expect(await invoiceCount()).toBe(before);
    expect(await jobsIn(SEND_INVOICE)).toEqual([]);
  });

  it('an unknown customer (23503, raised at COMMIT: Django\'s foreign keys are deferred) rejects and leaves no invoice and no job', async () => {
    const before = await invoiceCount();
    const error = await rejectionOf(asLearner(() => createInvoice(pool, boss, { ownerId: ALICE, customerId: 999_999_999, number: 'NOBODY-1', totalCents: 1, issuedOn: '2026-05-01' })));
    expect(sqlState(error), String(error)).toBe('23503');
    expect(await invoiceCount()).toBe(before);
    expect(await jobsIn(SEND_INVOICE)).toEqual([]);
  });

  it('a send that fails after writing its job (the connection dropped on the reply) rolls back the invoice and the job, and rejects with that error', async () => {
    const dropped = new Error('connection reset after send');
    const flaky: Pick<PgBoss, 'send'> = {
      send: (async (...args: unknown[]) => {
        await (boss.send as (...a: unknown[]) => Promise<unknown>).apply(boss, args);
        throw dropped;
      }) as unknown as PgBoss['send'],
    };
    const before = await invoiceCount();
    const error = await rejectionOf(asLearner(() => createInvoice(pool, flaky, { ownerId: ALICE, customerId: ACME, number: 'INV-900', totalCents: 5, issuedOn: '2026-05-01' })));
    expect(error).toBe(dropped);
    expect(await invoiceCount()).toBe(before);
    expect(await jobsIn(SEND_INVOICE)).toEqual([]);
  });

  it('a failed call leaves the pool usable: the next invoice is created with its job', async () => {
    await rejectionOf(asLearner(() => createInvoice(pool, boss, { ownerId: ALICE, customerId: ACME, number: 'INV-002', totalCents: 1, issuedOn: '2026-05-01' })));
    const { invoiceId } = await asLearner(() => createInvoice(pool, boss, { ownerId: ALICE, customerId: ACME, number: 'INV-901', totalCents: 1, issuedOn: '2026-05-01' }));
    expect((await jobsIn(SEND_INVOICE)).map((j) => j.data)).toEqual([{ invoiceId }]);
  });

  it('overlapping calls each commit their own invoice with their own job; a clashing one fails alone', async () => {
    const inputs: NewInvoice[] = [
      { ownerId: ALICE, customerId: ACME, number: 'OV-1', totalCents: 101, issuedOn: '2026-06-01' },
      { ownerId: BOB, customerId: GLOBEX, number: 'OV-1', totalCents: 202, issuedOn: '2026-06-02' },
      { ownerId: ALICE, customerId: ACME, number: 'INV-003', totalCents: 303, issuedOn: '2026-06-03' },
      { ownerId: ALICE, customerId: ACME, number: 'OV-2', totalCents: 404, issuedOn: '2026-06-04' },
    ];
    const results = await Promise.allSettled(inputs.map((input) => asLearner(() => createInvoice(pool, boss, input))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const made = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const jobs = await jobsIn(SEND_INVOICE);
    expect(new Set(made.map((m) => m.invoiceId)).size).toBe(3);
    expect(jobs.map((j) => [j.id, j.data.invoiceId]).sort()).toEqual(made.map((m) => [m.jobId, m.invoiceId]).sort());
    for (const [i, r] of results.entries()) {
      if (r.status === 'fulfilled') expect((await invoiceRow(r.value.invoiceId)).total_cents).toBe(inputs[i]!.totalCents);
    }
  });

  it('a committed invoice is delivered: a pg-boss worker running sendInvoice mails it once', async () => {
    const { mailer, calls } = fakeMailer();
    const handle = sendInvoice(pool, mailer);
    const { invoiceId } = await asLearner(() => createInvoice(pool, boss, { ownerId: ALICE, customerId: ACME, number: 'INV-777', totalCents: 7_700, issuedOn: '2026-07-07' }));
    const workerId = await boss.work<SendInvoiceData>(SEND_INVOICE, { pollingIntervalSeconds: 0.5 }, async ([job]) => asLearner(() => handle(job!)));
    try {
      for (let i = 0; i < 400 && (await invoiceRow(invoiceId)).status !== 'sent'; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await boss.offWork(SEND_INVOICE, { id: workerId, wait: true });
    }
    expect(calls).toEqual([expectedMail(invoiceId, 'INV-777', 7_700)]);
    expect((await invoiceRow(invoiceId)).status).toBe('sent');
  });
});

// ——— (b) sendInvoice: at-least-once in, one mail out ———

// Generated inputs and pg-boss round trips: more than the default 5 s on a loaded machine.
describe('sendInvoice: a duplicate delivery changes nothing', { timeout: 30_000 }, () => {
  beforeEach(graderQueues);

  it('mails a draft once, with the number and total read from its row and the key send-invoice:<id>, and marks it sent; generated invoices', async () => {
    let run = 0;
    await checkProperty(
      'a draft is mailed and marked sent',
      newInvoice,
      async (generated) => {
        run += 1;
        const number = `${run}-${generated.number}`.slice(0, 32);
        const id = await draft(number, generated.totalCents, generated.ownerId, generated.ownerId === ALICE ? ACME : GLOBEX);
        const { mailer, calls } = fakeMailer();
        await asLearner(() => sendInvoice(pool, mailer)(jobFor(id)));
        expect(calls).toEqual([expectedMail(id, number, generated.totalCents)]);
        expect((await invoiceRow(id)).status).toBe('sent');
      },
      { numRuns: 20 },
    );
  });

  it('the same job handed twice, one after the other: one mail', async () => {
    const id = await draft('TWICE-1', 500);
    const { mailer, calls } = fakeMailer();
    const handle = sendInvoice(pool, mailer);
    await asLearner(() => handle(jobFor(id)));
    await asLearner(() => handle(jobFor(id)));
    expect(calls).toEqual([expectedMail(id, 'TWICE-1', 500)]);
  });

  it('the same job handed to three workers at the same time: one mail, and none of them fails', async () => {
    const id = await draft('RACE-1', 600);
    const { mailer, calls } = fakeMailer();
    const results = await Promise.allSettled([0, 1, 2].map(() => asLearner(() => sendInvoice(pool, mailer)(jobFor(id)))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(calls).toEqual([expectedMail(id, 'RACE-1', 600)]);
    expect((await invoiceRow(id)).status).toBe('sent');
  });

  it('a worker that died after its handler committed: pg-boss hands the job out again, and the retry mails nothing', async () => {
    const id = await draft('DIED-1', 700);
    const jobId = await boss.send(SEND_INVOICE, { invoiceId: id });
    const { mailer, calls } = fakeMailer();
    const handle = sendInvoice(pool, mailer);
    const [first] = await boss.fetch<SendInvoiceData>(SEND_INVOICE);
    await asLearner(() => handle(first!));
    await boss.fail(SEND_INVOICE, jobId!, { message: 'worker lost before complete()' }); // what expiry does
    const [again] = await boss.fetch<SendInvoiceData>(SEND_INVOICE, { ignoreStartAfter: true });
    expect(again?.id).toBe(jobId);
    await asLearner(() => handle(again!));
    await boss.complete(SEND_INVOICE, jobId!);
    expect(calls).toEqual([expectedMail(id, 'DIED-1', 700)]);
  });

  it('another worker delivers the same job and commits between this one reading the invoice and writing it: this one mails nothing', async () => {
    const id = await draft('RACE-2', 650);
    const { mailer, calls } = fakeMailer();
    race = { invoiceId: id, played: false };
    await asLearner(() => sendInvoice(pool, mailer)(jobFor(id)));
    if (race.played) {
      expect(calls, 'the invoice was read without a lock, and the other worker had committed it as sent before this one wrote').toEqual([]);
    } else {
      // The row was locked before it was read: no worker could slip in, and this one mails it.
      expect(calls).toEqual([expectedMail(id, 'RACE-2', 650)]);
    }
    expect((await invoiceRow(id)).status).toBe('sent');
  });

  it('overlapping jobs for different invoices: each is mailed once, nothing crosses over', async () => {
    const ids = [await draft('MANY-1', 1), await draft('MANY-2', 2, BOB, GLOBEX), await draft('MANY-3', 3)];
    const { mailer, calls } = fakeMailer();
    const handle = sendInvoice(pool, mailer);
    await Promise.all([...ids, ...ids].map((id) => asLearner(() => handle(jobFor(id)))));
    expect(calls.toSorted((a, b) => a.invoiceId - b.invoiceId)).toEqual([expectedMail(ids[0]!, 'MANY-1', 1), expectedMail(ids[1]!, 'MANY-2', 2), expectedMail(ids[2]!, 'MANY-3', 3)]);
  });

  it('mails only the job\'s invoice: the other drafts stay drafts', async () => {
    const mine = await draft('ONLY-1', 10);
    const { mailer } = fakeMailer();
    await asLearner(() => sendInvoice(pool, mailer)(jobFor(mine)));
    expect((await invoiceRow(INV_003)).status).toBe('draft');
    const { rows } = await db.direct.query(`SELECT id, status FROM billing_invoice ORDER BY id`);
    expect(rows).toEqual([
      { id: INV_001, status: 'paid' },
      { id: INV_002, status: 'sent' },
      { id: INV_003, status: 'draft' },
      { id: BOBS_INVOICE, status: 'sent' },
      { id: mine, status: 'sent' },
    ]);
  });

  it('an invoice already sent or paid, or missing, is not mailed, not changed and not an error', async () => {
    const { mailer, calls } = fakeMailer();
    const handle = sendInvoice(pool, mailer);
    await asLearner(() => handle(jobFor(INV_001))); // paid
    await asLearner(() => handle(jobFor(INV_002))); // sent
    await asLearner(() => handle(jobFor(999_999_999))); // deleted since
    expect(calls).toEqual([]);
    expect((await invoiceRow(INV_001)).status).toBe('paid');
    expect((await invoiceRow(INV_002)).status).toBe('sent');
  });

  it('a mailer that throws: the handler rejects with its error, the invoice stays a draft, and the retry mails it once', async () => {
    const id = await draft('FLAKY-1', 800);
    const { mailer, calls, delivered } = fakeMailer({ failures: 1 });
    const handle = sendInvoice(pool, mailer);
    const error = await rejectionOf(asLearner(() => handle(jobFor(id))));
    expect(String(error)).toMatch(/503/);
    expect((await invoiceRow(id)).status).toBe('draft');
    await asLearner(() => handle(jobFor(id)));
    expect(calls).toEqual([expectedMail(id, 'FLAKY-1', 800), expectedMail(id, 'FLAKY-1', 800)]);
    expect([...delivered.values()]).toEqual([expectedMail(id, 'FLAKY-1', 800)]);
    expect((await invoiceRow(id)).status).toBe('sent');
  });

  it('a COMMIT that fails after the mail went out: the handler rejects, the invoice stays a draft, and the retry sends the same idempotency key', async () => {
    const id = await draft('LOST-COMMIT', 900);
    const { mailer, calls, delivered } = fakeMailer();
    const handle = sendInvoice(pool, mailer);
    failNextCommit = true;
    await rejectionOf(asLearner(() => handle(jobFor(id))));
    expect(failNextCommit, 'the mail is recorded by a COMMIT').toBe(false);
    expect((await invoiceRow(id)).status).toBe('draft');
    await asLearner(() => handle(jobFor(id)));
    expect(calls.map((c) => c.idempotencyKey)).toEqual([`send-invoice:${id}`, `send-invoice:${id}`]);
    expect(delivered.size).toBe(1);
    expect((await invoiceRow(id)).status).toBe('sent');
  });

  it('a poison job run through pg-boss with the grader\'s queue: every attempt rejects, the invoice stays a draft, the job ends failed', async () => {
    const id = await draft('POISON-1', 1_000);
    const jobId = await boss.send(SEND_INVOICE, { invoiceId: id });
    const { mailer, calls } = fakeMailer({ always: true });
    const handle = sendInvoice(pool, mailer);
    let attempts = 0;
    for (;;) {
      const [job] = await boss.fetch<SendInvoiceData>(SEND_INVOICE, { ignoreStartAfter: true });
      if (!job || attempts > 10) break;
      attempts += 1;
      const error = await rejectionOf(asLearner(() => handle(job)));
      await boss.fail(SEND_INVOICE, job.id, { message: String(error) });
    }
    expect(attempts).toBe(3); // the grader's queue: retryLimit 2
    expect(calls.length).toBe(3);
    expect((await invoiceRow(id)).status).toBe('draft');
    const [failed] = await boss.findJobs(SEND_INVOICE, { id: jobId! });
    expect(failed?.state).toBe('failed');
  });
});

// ——— (c) createQueues: bounded retries, backoff, a dead letter queue ———

// Generated inputs and pg-boss round trips: more than the default 5 s on a loaded machine.
describe('createQueues: a poison job stops retrying', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    await createQueues(boss);
  });

  /** Fails the job every time pg-boss hands it out; returns each wait pg-boss chose, in seconds (bounds). */
  async function poison(invoiceId: number) {
    const jobId = await boss.send(SEND_INVOICE, { invoiceId });
    expect(jobId, `boss.send(${SEND_INVOICE}) queued a job`).toBeTruthy();
    const waits: { min: number; max: number }[] = [];
    let attempts = 0;
    for (;;) {
      const [job] = await boss.fetch<SendInvoiceData>(SEND_INVOICE, { ignoreStartAfter: true });
      if (!job || attempts > 20) break;
      attempts += 1;
      const before = Date.now();
      await boss.fail(SEND_INVOICE, job.id, { message: 'always fails' });
      const after = Date.now();
      const [meta] = await boss.findJobs(SEND_INVOICE, { id: jobId! });
      if (meta?.state === 'retry') waits.push({ min: (meta.startAfter.getTime() - after) / 1000, max: (meta.startAfter.getTime() - before) / 1000 });
    }
    return { jobId: jobId!, attempts, waits };
  }

  it('creates both queues, the dead letter queue named by the other', async () => {
    const queues = await boss.getQueues([SEND_INVOICE, SEND_INVOICE_FAILED]);
    expect(queues.map((q) => q.name).sort()).toEqual([SEND_INVOICE, SEND_INVOICE_FAILED].sort());
    expect(queues.find((q) => q.name === SEND_INVOICE)?.deadLetter).toBe(SEND_INVOICE_FAILED);
    // The dead letter queue is the end of the line: it sends its jobs nowhere else.
    expect(queues.find((q) => q.name === SEND_INVOICE_FAILED)?.deadLetter ?? null).toBe(null);
  });

  it('a job that always fails is tried 5 times in all, then never again', async () => {
    const { attempts } = await poison(INV_003);
    expect(attempts).toBe(5);
  });

  it('then it lands in send-invoice-failed once, with its data and the id of the job that failed', async () => {
    const { jobId } = await poison(INV_003);
    const dead = await boss.findJobs<SendInvoiceData>(SEND_INVOICE_FAILED);
    expect(dead.map((j) => ({ data: j.data, sourceId: j.sourceId, sourceName: j.sourceName }))).toEqual([
      { data: { invoiceId: INV_003 }, sourceId: jobId, sourceName: SEND_INVOICE },
    ]);
    const [original] = await boss.findJobs(SEND_INVOICE, { id: jobId });
    expect(original?.state).toBe('failed');
  });

  it('waits 30–60 s before the first retry, then roughly doubles: 60–120, 120–240, 240–480 s (exponential backoff)', async () => {
    const { waits } = await poison(INV_003);
    expect(waits.length, 'four retries').toBe(4);
    const slack = 2;
    waits.forEach((wait, n) => {
      const low = 30 * 2 ** n;
      const high = 60 * 2 ** n;
      expect(wait.max, `wait before retry ${n + 1}: at least ${low} s`).toBeGreaterThanOrEqual(low - slack);
      expect(wait.min, `wait before retry ${n + 1}: at most ${high} s`).toBeLessThanOrEqual(high + slack);
    });
  });

  it('caps the wait between attempts at 3600 s', async () => {
    const jobId = await boss.send(SEND_INVOICE, { invoiceId: INV_003 });
    const [meta] = await boss.findJobs(SEND_INVOICE, { id: jobId! });
    expect(meta?.retryDelayMax).toBe(3600);
  });
});
