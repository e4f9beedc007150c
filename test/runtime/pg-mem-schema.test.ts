/**
 * Django's generated DDL loads into pg-mem after exactly the documented
 * changes (src/workbook/testing/pg-mem-schema.ts); PGlite loads it as it is
 * (every PGlite grader and fixture-ids.test.ts do).
 */
import { readFileSync } from 'node:fs';
import { newDb } from 'pg-mem';
import { describe, expect, it } from 'vitest';
import { schemaForPgMem } from '../../src/workbook/testing/pg-mem-schema.ts';
import { insertUsers } from '../fixtures/schema.ts';

const schema = (name: string) => readFileSync(new URL(`../fixtures/schema/${name}.schema.sql`, import.meta.url), 'utf8');

describe('schemaForPgMem', () => {
  it.each(['billing', 'expenses'])('loads %s.schema.sql into pg-mem, changing only DEFERRABLE clauses and indexes', (name) => {
    const ddl = schema(name);
    const { sql, changes } = schemaForPgMem(ddl);
    expect(() => newDb().public.none(sql)).not.toThrow();
    // Every foreign key loses DEFERRABLE, by name; every CREATE INDEX (Django's
    // foreign-key indexes and the LIKE index) is dropped; nothing else.
    const foreignKeys = [...ddl.matchAll(/ADD CONSTRAINT (\w+) FOREIGN KEY/g)].map((m) => `not deferrable: ${m[1]}`);
    const indexes = [...ddl.matchAll(/^CREATE INDEX .*;$/gm)].map((m) => `dropped: ${m[0]}`);
    expect(indexes.length).toBeGreaterThan(2);
    expect(changes.filter((c) => c.startsWith('not deferrable: '))).toEqual(foreignKeys);
    expect(changes.filter((c) => !c.startsWith('not deferrable: '))).toEqual(indexes);
    expect(sql.replaceAll(/\s+/g, ' ')).toBe(
      ddl.replaceAll(/^CREATE INDEX .*;\n/gm, '').replaceAll(' DEFERRABLE INITIALLY DEFERRED;', ';').replaceAll(/\s+/g, ' '),
    );
  });

  it('answers = ANY($1) on a foreign-key column (pg-mem returns no rows on an indexed one)', async () => {
    const db = newDb();
    db.public.none(schemaForPgMem(schema('billing')).sql);
    db.public.none(`${insertUsers([{ id: 101, username: 'alice' }])}
      INSERT INTO billing_customer (id, owner_id, name) VALUES (201, 101, 'Acme Corp');
      INSERT INTO billing_invoice (id, owner_id, customer_id, total_cents) VALUES (3001, 101, 201, 5);`);
    const { Pool } = db.adapters.createPg();
    const pool = new Pool();
    expect((await pool.query('SELECT id FROM billing_invoice WHERE customer_id = ANY($1::bigint[])', [[201]])).rows).toEqual([{ id: 3001 }]);
    expect((await pool.query('SELECT id FROM billing_invoice WHERE owner_id = ANY($1::int[])', [[101]])).rows).toEqual([{ id: 3001 }]);
  });

  it('keeps what graders on pg-mem rely on: CHECK, UNIQUE, NOT NULL, database defaults and foreign keys', async () => {
    const db = newDb();
    db.public.none(schemaForPgMem(schema('billing')).sql);
    db.public.none(`INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
      VALUES (101, '!', false, 'alice', '', '', '', false, true, '2026-01-01T00:00:00Z')`);
    db.public.none(`INSERT INTO billing_customer (id, owner_id, name) VALUES (201, 101, 'Acme Corp')`);
    const [row] = db.public.many(`INSERT INTO billing_invoice (owner_id, customer_id, total_cents) VALUES (101, 201, 5) RETURNING status, currency, memo`);
    expect(row).toEqual({ status: 'draft', currency: 'EUR', memo: '' });
    const insert = (values: string) => () => db.public.none(`INSERT INTO billing_invoice (owner_id, customer_id, number, total_cents, status) VALUES ${values}`);
    expect(insert(`(101, 201, 'A-1', 5, 'bogus')`)).toThrow(/billing_invoice_status_valid/);
    expect(insert(`(101, 201, 'A-1', -1, 'sent')`)).toThrow(/billing_invoice_total_not_negative/);
    expect(insert(`(101, 999, 'A-1', 5, 'sent')`)).toThrow(/foreign key/);
    insert(`(101, 201, 'A-1', 5, 'sent')`)();
    expect(insert(`(101, 201, 'A-1', 5, 'sent')`)).toThrow(/duplicate key/);
    expect(() => db.public.none(`INSERT INTO billing_invoice (owner_id, customer_id) VALUES (101, 201)`)).toThrow(/total_cents/);
  });
});
