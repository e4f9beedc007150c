/**
 * Chapter 9: the TypeScript side of an HTTP boundary. The Python service
 * is just another upstream: a deadline, a checked status, a parsed body.
 */
import * as z from 'zod';

// #region client
const Forecast = z.object({
  customer_id: z.number().int(),
  months: z.number().int(),
  next_month_cents: z.number().int(),
});
export type Forecast = z.infer<typeof Forecast>;

export async function getForecast(
  baseUrl: string,
  customerId: number,
  signal: AbortSignal,
  { timeoutMs = 2000, fetcher = fetch } = {},
): Promise<Forecast | null> {
  const url = new URL(`/forecast/${customerId}/`, baseUrl);
  const response = await fetcher(url, {
    headers: { Accept: 'application/json' },
    signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
  });
  if (!response.ok) {
    // An unread body holds the connection until it is cancelled.
    await response.body?.cancel();
    if (response.status === 422) return null; // not enough history
    throw new Error(`forecast service answered ${response.status}`);
  }
  return Forecast.parse(await response.json());
}
// #endregion
