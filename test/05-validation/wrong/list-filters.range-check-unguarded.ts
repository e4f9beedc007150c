// mistake: compares the dates in a plain superRefine, which zod runs even after a date failed its own check and skips after some other failures: issued_after=2026-13-01 is blamed on issued_before, and a reversed range next to a bad status goes unreported.
/**
 * GET /invoices?page=2&per_page=50&status=sent&status=paid
 *              &issued_after=2026-01-01&issued_before=2026-03-31
 *
 * The query string becomes typed filters, or a 422 that names each bad
 * parameter. Every value arrives as a string and any key can repeat, so
 * the parser decides, per parameter, what repetition means.
 */
import { z } from 'zod';

export const STATUSES = ['draft', 'sent', 'paid', 'void'] as const;
export type Status = (typeof STATUSES)[number];

export interface ListQuery {
  page: number;
  per_page: number;
  /** Empty means "any status". */
  status: Status[];
  issued_after?: string;
  issued_before?: string;
}

export type ParsedQuery = { ok: true; data: ListQuery } | { ok: false; response: Response };

// Strings to numbers after a strict pattern: z.coerce.number() would
// take "1e2", " 3" and "0x10" as numbers.
const wholeNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/, 'Expected a whole number from 1')
  .transform(Number);

// A real calendar day as text. z.iso.date() checks the calendar (no
// 2026-02-30) but allows year 0000, which Postgres's date type does not
// have. Dates stay strings: new Date() would bring the server's time zone in.
const calendarDate = z.iso.date().refine((text) => !text.startsWith('0000'), 'There is no year 0000');

/** A parameter that may appear at most once: its one value, or a 422. */
function once<T extends z.ZodType<unknown, string>>(inner: T) {
  return z
    .array(z.string())
    .max(1, 'Given more than once')
    .transform((values) => values[0]!)
    .pipe(inner);
}

const Query = z
  .strictObject({
    page: once(wholeNumber).default(1),
    per_page: once(wholeNumber.pipe(z.number().max(100, 'At most 100'))).default(20),
    // Repetition is the point here: status=sent&status=paid means either.
    status: z
      .array(z.enum(STATUSES))
      .default([])
      .transform((values) => [...new Set(values)]),
    issued_after: once(calendarDate).optional(),
    issued_before: once(calendarDate).optional(),
  })
  .superRefine((q, ctx) => {
    // ISO dates (YYYY-MM-DD) compare correctly as strings.
    if (q.issued_after && q.issued_before && q.issued_after > q.issued_before) {
      ctx.addIssue({ code: 'custom', path: ['issued_before'], message: 'Must not be before issued_after' });
    }
  });

export function parseListQuery(url: URL): ParsedQuery {
  // Group repeated keys: page=1&page=2 → { page: ["1", "2"] }.
  // Object.fromEntries defines own properties, so a key called
  // __proto__ is just an unknown key, not a prototype.
  const grouped = new Map<string, string[]>();
  for (const [key, value] of url.searchParams) {
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const result = Query.safeParse(Object.fromEntries(grouped));
  if (result.success) return { ok: true, data: result.data };

  // For a query string the path is the parameter's name: "status", not
  // "status.1".
  const fields = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: key, message: 'Unknown parameter' }))
      : [{ path: String(issue.path[0] ?? ''), message: issue.message }],
  );
  return { ok: false, response: Response.json({ error: 'validation_failed', fields }, { status: 422 }) };
}
