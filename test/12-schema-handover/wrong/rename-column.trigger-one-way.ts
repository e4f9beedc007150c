// mistake: the trigger copies name to display_name only: what the new code writes never reaches the old code (and its INSERT leaves name NULL)
/**
 * Exercise: rename-column — rename a column with zero downtime.
 *
 * Rename billing_customer.name to display_name in expand → migrate →
 * contract steps. Django's RenameField is one `ALTER TABLE … RENAME
 * COLUMN`: correct for a service that stops, wrong for one that keeps
 * serving. During a rolling
 * deploy the OLD code (reads and writes `name`) and the NEW code (yours,
 * reads and writes `display_name`) run at the same time, against the same
 * table, and neither may break or lose a write.
 *
 * The grader owns the old code and the deployment. It applies your steps
 * for real with node-pg-migrate 9 on PGlite (PostgreSQL 18), in this order,
 * and checks both versions of the code at every point in between:
 *
 *     0. the table as Django's migrations made it     old code only
 *     1. `expand` (a node-pg-migrate migration)       old code only
 *     2. the backfill: `backfillBatch` run again and  old code only, writing
 *        again until it changes no row                between the batches
 *     3. the new code is deployed                     old AND new code
 *     4. the old code is retired                      new code only
 *     5. `contract` (a node-pg-migrate migration)     new code only
 *
 * and, in another run, a rollback from step 3: the new code is withdrawn
 * and `expand.down` is migrated down, leaving the old code alone again.
 *
 * Requirements (the grader checks each one, naming the step that broke):
 *   - expand.up / expand.down / contract.up: plain SQL, as node-pg-migrate
 *     runs a .sql migration (the grader writes each into its own file and
 *     adds the `-- Up Migration` / `-- Down Migration` markers; do not
 *     write them yourself). Each migration runs in one transaction, so no
 *     CREATE INDEX CONCURRENTLY. Several statements per string are fine.
 *   - After expand, the old code works exactly as before: it inserts
 *     with (owner_id, name), reads and updates `name`, and its UPDATEs
 *     (of the name or of other columns) still report the row they
 *     changed. Every row the old code writes from then on, and every
 *     update it makes, must also be visible in display_name, including
 *     rows the backfill has already passed, and including writes made
 *     between two backfill batches.
 *   - backfillBatch: ONE statement, run by the grader as
 *     db.query(backfillBatch, [batchSize]) until its rowCount is 0. Each
 *     call changes at most `batchSize` rows (a backfill that locks the
 *     whole table in one UPDATE is what you are avoiding), and the number
 *     of calls stays about rows / batchSize: it must finish.
 *   - From step 3 on, whatever either version writes, the other reads:
 *     a customer the new code creates or renames is read back by the old
 *     code with the same text, and the other way round. Names are any
 *     text: empty, Unicode, quotes, thousands of characters.
 *   - expand.down (the rollback) leaves the table exactly as Django made
 *     it: no display_name, no trigger, no function of yours, and every
 *     row with the latest name either version gave it.
 *   - After contract: the table is (id, owner_id, display_name text NOT
 *     NULL), with no trigger or function of yours left, every row still
 *     has its latest name, and code that still uses `name` fails loudly
 *     (an error), never silently.
 *   - newCode: create / get / rename through display_name only (it must
 *     keep working after the contract). get() of an unknown id is null.
 *
 * `db` is the Db interface of chapter 3 (#lib/db): query(text, values).
 * In production it is a pg.Pool, so two statements may run on two
 * different connections (and sessions).
 */
import type { Db } from '#lib/db';

/** A node-pg-migrate migration as plain SQL. */
export interface Migration {
  /** Applied when migrating up. */
  up: string;
  /** Applied when migrating down (the grader's rollback). */
  down: string;
}

/** Step 1: add what the new code needs while the old code keeps running. */
export const expand: Migration = {
  up: `
    ALTER TABLE billing_customer ADD COLUMN display_name text;

    CREATE FUNCTION billing_customer_sync_display_name() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        NEW.display_name := NEW.name;
      ELSIF NEW.name IS DISTINCT FROM OLD.name THEN
        NEW.display_name := NEW.name;
      END IF;
      RETURN NEW;
    END
    $$;

    CREATE TRIGGER billing_customer_sync_display_name
      BEFORE INSERT OR UPDATE ON billing_customer
      FOR EACH ROW EXECUTE FUNCTION billing_customer_sync_display_name();
  `,
  down: `
    DROP TRIGGER billing_customer_sync_display_name ON billing_customer;
    DROP FUNCTION billing_customer_sync_display_name();
    ALTER TABLE billing_customer DROP COLUMN display_name;
  `,
};

/** Step 2: one batch of the backfill; $1 is the batch size. */
export const backfillBatch = `
  UPDATE billing_customer SET display_name = name
  WHERE id IN (
    SELECT id FROM billing_customer
    WHERE display_name IS NULL
    ORDER BY id
    LIMIT $1
    FOR UPDATE SKIP LOCKED
  )
`;

/** Step 5: remove what only the old code needed, once it is gone. */
export const contract: Pick<Migration, 'up'> = {
  up: `
    DROP TRIGGER billing_customer_sync_display_name ON billing_customer;
    DROP FUNCTION billing_customer_sync_display_name();
    ALTER TABLE billing_customer ALTER COLUMN display_name SET NOT NULL;
    ALTER TABLE billing_customer DROP COLUMN name;
  `,
};

export interface Customer {
  id: number;
  ownerId: number;
  displayName: string;
}

interface Row {
  id: number;
  owner_id: number;
  display_name: string;
}

/** The new version of the service's customer queries. */
export const newCode = {
  /** Inserts a customer and returns its id. */
  async create(db: Db, customer: { ownerId: number; displayName: string }): Promise<number> {
    const { rows } = await db.query<{ id: number }>(
      'INSERT INTO billing_customer (owner_id, display_name) VALUES ($1, $2) RETURNING id',
      [customer.ownerId, customer.displayName],
    );
    return rows[0]!.id;
  },

  /** The customer with this id, or null. */
  async get(db: Db, id: number): Promise<Customer | null> {
    const { rows } = await db.query<Row>('SELECT id, owner_id, display_name FROM billing_customer WHERE id = $1', [id]);
    const row = rows[0];
    return row ? { id: row.id, ownerId: row.owner_id, displayName: row.display_name } : null;
  },

  /** Gives the customer a new display name. */
  async rename(db: Db, id: number, displayName: string): Promise<void> {
    await db.query('UPDATE billing_customer SET display_name = $2 WHERE id = $1', [id, displayName]);
  },
};
