import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scopedInvoice } from '@exercise/03-sql-first/scoped-invoice';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { decimalIntText, ID_RANGE, parseDecimalInt, validIsoDate } from '../../src/workbook/testing/boundaries.ts';
import { request } from '../../src/workbook/testing/http.ts';
import { overlapping } from '../../src/workbook/testing/leaks.ts';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { expectResponse } from '../../src/workbook/testing/responses.ts';
import { eachTimeZone } from '../../src/workbook/testing/time-zones.ts';
import { answered, isFallout, serve } from './serve.ts';
import { ACME, ALICE, BOB, BOBS_INVOICE, GLOBEX, INV_001, INV_002, INV_003, sqlFirst } from '../fixtures/03-sql-first.ts';

const db = useDatabase('scoped-invoice', sqlFirst);

function detail(id: string, userId = ALICE): Promise<Response> {
  const ctx = { user: { id: userId }, db: db.pool, params: { id } };
  return serve(() => scopedInvoice(request('GET', `/invoices/${encodeURIComponent(id)}`), ctx));
}

const NOT_FOUND = { equals: { error: 'not_found' } };
const INVALID_ID = { equals: { error: 'invalid_id' } };
const Invoice = z.strictObject({
  id: z.number(),
  number: z.string(),
  status: z.string(),
  totalCents: z.number(),
  issuedOn: z.string(),
  customer: z.strictObject({ id: z.number(), name: z.string() }),
});

const SEEDED: Record<number, z.infer<typeof Invoice>> = {
  [INV_001]: { id: INV_001, number: 'INV-001', status: 'paid', totalCents: 15000, issuedOn: '2026-01-15', customer: { id: ACME, name: 'Acme Corp' } },
  [INV_002]: { id: INV_002, number: 'INV-002', status: 'sent', totalCents: 8990, issuedOn: '2026-02-01', customer: { id: ACME, name: 'Acme Corp' } },
  [INV_003]: { id: INV_003, number: 'INV-003', status: 'draft', totalCents: 120000, issuedOn: '2026-02-01', customer: { id: ACME, name: 'Acme Corp' } },
};

/** An invoice the grader adds: `owner` owns it, `customer` is billed (not necessarily the owner's customer). */
async function addInvoice(owner: number, customer: number, number: string): Promise<number> {
  const { rows } = await db.direct.query(
    `INSERT INTO billing_invoice (owner_id, customer_id, number, status, total_cents, issued_on)
     VALUES ($1, $2, $3, 'sent', 4200, '2026-03-03') RETURNING id`,
    [owner, customer, number],
  );
  return rows[0].id as number;
}

describe('scoped-invoice', () => {
  eachTimeZone(
    'scoped-invoice',
    () => {
      it('returns the owner’s invoice with its customer and its date as written', async () => {
        for (const invoice of Object.values(SEEDED)) {
          const res = await expectResponse(await detail(String(invoice.id)), { status: 200, json: Invoice });
          expect(res.json.issuedOn, `${invoice.number} is stored as issued on ${invoice.issuedOn}`).toBe(invoice.issuedOn);
          expect(res.json).toEqual(invoice);
        }
      });

      it('gives every calendar day back unchanged as YYYY-MM-DD (month ends, year ends, 29 February)', async () => {
        await checkProperty(
          'issuedOn is the date stored',
          validIsoDate(),
          async (day) => {
            await db.direct.query('UPDATE billing_invoice SET issued_on = $1 WHERE id = $2', [day, INV_001]);
            const res = await expectResponse(await detail(String(INV_001)), { status: 200, json: Invoice });
            if (res.json.issuedOn !== day) return `came back as ${JSON.stringify(res.json.issuedOn)}`;
          },
          { show: (day) => `issued_on = ${day}`, numRuns: 12 },
        );
      });
    },
    { db },
  );

  it('reads invoice and customer with one parameterised statement (a JOIN, not two round trips)', async () => {
    await detail(String(INV_002));
    expect(db.queries).toHaveLength(1);
    const [query] = db.queries;
    expect(query!.text).toMatch(/\bjoin\b/i);
    expect(query!.text).toMatch(/\$2/);
    expect(query!.values).toEqual(expect.arrayContaining([INV_002, ALICE]));
  });

  it('returns 404 for an invoice that does not exist', async () => {
    await expectResponse(await detail('999'), { status: 404, json: NOT_FOUND });
  });

  it('returns 404, not 403, for another owner’s invoice — byte for byte the same answer as a missing one', async () => {
    const other = await expectResponse(await detail(String(BOBS_INVOICE)), { status: 404, json: NOT_FOUND });
    const missing = await expectResponse(await detail('999'), { status: 404, json: NOT_FOUND });
    expect(other.text).toBe(missing.text);
  });

  it('scopes the lookup in SQL: the owner is a parameter of the statement', async () => {
    await detail(String(BOBS_INVOICE));
    expect(db.queries).toHaveLength(1);
    expect(db.queries[0]!.values).toEqual(expect.arrayContaining([BOBS_INVOICE, ALICE]));
  });

  it('lets the other owner read their own invoice', async () => {
    const res = await expectResponse(await detail(String(BOBS_INVOICE), BOB), { status: 200, json: Invoice });
    expect(res.json.customer).toEqual({ id: GLOBEX, name: 'Globex' });
  });

  it('decides by the invoice’s owner, not the customer’s: an invoice billed to someone else’s customer is still only its owner’s', async () => {
    // Nothing in the schema ties an invoice's owner to its customer's owner.
    const bobsOnAcme = await addInvoice(BOB, ACME, 'B-ON-ACME');
    const alicesOnGlobex = await addInvoice(ALICE, GLOBEX, 'A-ON-GLOBEX');
    await expectResponse(await detail(String(bobsOnAcme), ALICE), { status: 404, json: NOT_FOUND });
    const bob = await expectResponse(await detail(String(bobsOnAcme), BOB), { status: 200, json: Invoice });
    expect(bob.json).toMatchObject({ id: bobsOnAcme, number: 'B-ON-ACME', customer: { id: ACME, name: 'Acme Corp' } });
    const alice = await expectResponse(await detail(String(alicesOnGlobex), ALICE), { status: 200, json: Invoice });
    expect(alice.json).toMatchObject({ id: alicesOnGlobex, number: 'A-ON-GLOBEX', customer: { id: GLOBEX, name: 'Globex' } });
    await expectResponse(await detail(String(alicesOnGlobex), BOB), { status: 404, json: NOT_FOUND });
  });

  it('answers every request from its own user’s rows, one after another and overlapping (nothing remembered between requests)', async () => {
    const cases = [
      { user: BOB, id: BOBS_INVOICE, status: 200 },
      { user: ALICE, id: BOBS_INVOICE, status: 404 },
      { user: ALICE, id: INV_001, status: 200 },
      { user: BOB, id: INV_001, status: 404 },
    ];
    const judge = async (c: (typeof cases)[number], response: Response, when: string) => {
      const res = await expectResponse(response, { status: c.status, json: c.status === 200 ? Invoice : NOT_FOUND }).catch((error: Error) => {
        throw new Error(`user ${c.user} asking for invoice ${c.id} (${when}): ${error.message}`);
      });
      if (c.status === 200) expect(res.json.id).toBe(c.id);
    };
    for (const c of cases) await judge(c, await detail(String(c.id), c.user), 'one after another');
    const twice = [...cases, ...cases];
    const responses = await overlapping(twice.length, (i) => detail(String(twice[i]!.id), twice[i]!.user));
    for (const [i, c] of twice.entries()) await judge(c, responses[i]!, 'overlapping');
  });

  it('accepts exactly the positive integers up to Number.MAX_SAFE_INTEGER as ids; anything else is a 400 without querying', async () => {
    await checkProperty(
      'the id rule',
      decimalIntText(ID_RANGE),
      async (text) => {
        const id = parseDecimalInt(text, ID_RANGE);
        const res = await detail(text);
        if (await isFallout(res)) return; // an earlier input broke the connection: not this one's fault
        if (id === undefined) {
          if (res.status !== 400) return `was accepted (status ${await answered(res)}); expected 400 invalid_id`;
          await expectResponse(res, { status: 400, json: INVALID_ID });
          if (db.queries.length > 0) return 'was refused, but only after a query: validate before touching the database';
          return;
        }
        const known = SEEDED[id];
        if (res.status === 400) return `was refused with 400, but ${id} is a valid id`;
        await expectResponse(res, known ? { status: 200, json: { equals: known } } : { status: 404, json: NOT_FOUND });
      },
      { show: (text) => `/invoices/${text}`, numRuns: 150, before: () => void (db.queries.length = 0) },
    );
  });

  it.each(['2147483647', '2147483648', '9007199254740991'])('looks up the bigint id %s (404 after querying, not 400 or 500)', async (id) => {
    db.queries.length = 0;
    await expectResponse(await detail(id), { status: 404, json: NOT_FOUND });
    expect(db.queries.length, 'the id must be looked up').toBeGreaterThan(0);
  });

  it.each(['9007199254740992', '9007199254740993'])('refuses %s, past Number.MAX_SAFE_INTEGER, with a 400 and no query', async (id) => {
    db.queries.length = 0;
    await expectResponse(await detail(id), { status: 400, json: INVALID_ID });
    expect(db.queries).toHaveLength(0);
  });

  it('never pastes values into the SQL text', async () => {
    await expectResponse(await detail(String(INV_003)), { status: 200, json: Invoice });
    expect(db.queries.length, 'statements sent').toBeGreaterThan(0);
    for (const q of db.queries) {
      expect(q.text.replace(/\$\d+/g, '$n')).not.toMatch(new RegExp(`=\\s*'?(${INV_003}|${ALICE})\\b`));
    }
  });
});
