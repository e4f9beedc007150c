/** An external client, built once by main() and passed to whoever needs it. */

// #region receipts
export interface Receipt {
  number: string;
  paidAt: Date;
}

export interface Receipts {
  send(receipt: Receipt): Promise<void>;
}

/** The real client. It receives `fetch` too, so even it can be tested. */
export function httpReceipts(
  baseUrl: string,
  fetchFn: typeof fetch = fetch,
): Receipts {
  return {
    async send({ number, paidAt }) {
      const response = await fetchFn(new URL('/receipts', baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ number, paidAt: paidAt.toISOString() }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) {
        throw new Error(`receipts: HTTP ${response.status}`);
      }
    },
  };
}
// #endregion
