/**
 * Django's generated DDL loads into pg-mem after exactly the documented
 * changes (src/workbook/testing/pg-mem-schema.ts), and into PGlite as it is.
 */
import { readFileSync } from 'node:fs';
import { newDb } from 'pg-mem';
import { describe, expect, it } from 'vitest';
import { schemaForPgMem } from '../../src/workbook/testing/pg-mem-schema.ts';

const schema = (name: string) => readFileSync(new URL(`../fixtures/schema/${name}.schema.sql`, import.meta.url), 'utf8');

describe('schemaForPgMem', () => {
  it.each(['billing', 'expenses'])('loads %s.schema.sql into pg-mem, changing only DEFERRABLE clauses and the LIKE index', (name) => {
    const ddl = schema(name);
    const { sql, changes } = schemaForPgMem(ddl);
    expect(() => newDb().public.none(sql)).not.toThrow();
    // Every change is one of the two documented kinds, and each foreign key is named.
    const foreignKeys = [...ddl.matchAll(/ADD CONSTRAINT (\w+) FOREIGN KEY/g)].map((m) => `not deferrable: ${m[1]}`);
    expect(changes.filter((c) => c.startsWith('not deferrable: '))).toEqual(foreignKeys);
    expect(changes.filter((c) => !c.startsWith('not deferrable: '))).toEqual([
      'dropped: CREATE INDEX auth_user_username_6821ab7c_like ON auth_user USING btree (username varchar_pattern_ops);',
    ]);
    // Nothing else differs: put the clauses back and the text is Django's.
    expect(sql.replaceAll(/\s+/g, ' ')).toBe(
      ddl
        .replace(/^CREATE INDEX \w+ ON auth_user USING btree \(username varchar_pattern_ops\);\n/m, '')
        .replaceAll(' DEFERRABLE INITIALLY DEFERRED;', ';')
        .replaceAll(/\s+/g, ' '),
    );
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
