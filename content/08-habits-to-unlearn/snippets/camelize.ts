/**
 * Chapter 8: the same job done by a clever generic type and by a plain
 * one. The tests show what the clever version gets wrong.
 */

/**
 * A row of billing_invoice as node-postgres returns it: a `date` column
 * arrives as a Date at local midnight of the server's time zone.
 */
export interface InvoiceRow {
  id: number;
  owner_id: number;
  number: string;
  total_cents: number;
  issued_on: Date;
}

// #region clever
type Camel<S extends string> = S extends `${infer H}_${infer T}`
  ? `${H}${Capitalize<Camel<T>>}`
  : S;

export type Camelize<T> = {
  [K in keyof T as Camel<K & string>]: T[K] extends Date
    ? string
    : T[K];
};

export function camelize<T extends object>(row: T): Camelize<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const name = key.replace(/_([a-z])/g, (_, c: string) =>
      c.toUpperCase(),
    );
    out[name] = value instanceof Date ? value.toISOString() : value;
  }
  return out as Camelize<T>;
}
// #endregion

// #region plain
export interface InvoiceJson {
  id: number;
  number: string;
  totalCents: number;
  issuedOn: string; // YYYY-MM-DD
}

export function toJson(row: InvoiceRow): InvoiceJson {
  return {
    id: row.id,
    number: row.number,
    totalCents: row.total_cents,
    issuedOn: localDate(row.issued_on),
  };
}

// node-postgres built the Date at local midnight: read it back locally.
// (toISOString() is UTC: a day early east of UTC.)
function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
// #endregion
