/**
 * Cancellation: request.signal aborts when the client goes away. The
 * handler checks it between steps and hands it to fetch(); nothing does
 * this for you. The rates service's JSON is parsed at the border, not cast.
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
    await upstream.body?.cancel(); // unread, it would hold the connection
    return Response.json({ error: 'rates_down' }, { status: 502 });
  }
  const body: unknown = await upstream.json().catch(() => null);
  signal.throwIfAborted(); // a disconnect mid-body is not a bad body
  const rate = rateOf(body);
  if (rate === null) {
    return Response.json({ error: 'rates_invalid' }, { status: 502 });
  }
  const cents = rows.reduce((sum, row) => sum + row.total_cents, 0);
  return Response.json({ cents, eurCents: Math.round(cents * rate) });
}

/** The border: another service's JSON is unknown until checked. */
function rateOf(body: unknown): number | null {
  if (typeof body !== 'object' || body === null) return null;
  if (!('rate' in body)) return null;
  const { rate } = body;
  const usable = typeof rate === 'number' && Number.isFinite(rate);
  return usable && rate > 0 ? rate : null;
}
// #endregion
