/**
 * Cancellation: request.signal aborts when the client goes away. The
 * handler checks it between steps and hands it to fetch(); nothing does
 * this for you.
 */
import type { AppContext } from './context.ts';

// #region report
export type ReportContext = Pick<AppContext, 'user' | 'db'> & {
  fetch: typeof fetch; // globalThis.fetch in production
};

const OUTSTANDING_SQL = `
  SELECT total_cents FROM billing_invoice
   WHERE owner_id = $1 AND status = 'sent'`;
const RATES_URL = 'https://rates.example/v1/usd-eur';

export async function outstandingInEuros(
  request: Request,
  ctx: ReportContext,
): Promise<Response> {
  const { signal } = request;
  // node-postgres takes no signal: this query runs to the end...
  const { rows } = await ctx.db.query<{ total_cents: number }>(
    OUTSTANDING_SQL,
    [ctx.user.id],
  );
  // ...so look before starting the next step.
  signal.throwIfAborted();

  // fetch() does take it: a disconnect cancels the upstream call.
  const upstream = await ctx.fetch(RATES_URL, { signal });
  if (!upstream.ok) {
    const error = 'rates_down';
    return Response.json({ error }, { status: 502 });
  }
  const { rate } = (await upstream.json()) as { rate: number };
  const cents = rows.reduce((sum, row) => sum + row.total_cents, 0);
  return Response.json({ cents, eurCents: Math.round(cents * rate) });
}
// #endregion
