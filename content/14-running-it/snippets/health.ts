/**
 * Liveness and readiness: two questions an orchestrator asks, with
 * different consequences. A failed liveness probe restarts the process;
 * a failed readiness probe only stops sending it traffic.
 */

/** Shared with the shutdown sequence: true from the signal on. */
export interface Lifecycle {
  draining: boolean;
}

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

// #region probes
export function probes(state: Lifecycle, ping: () => Promise<unknown>, timeoutMs = 1_000) {
  return {
    // Liveness: the event loop answers. No database here, or an outage
    // would restart every process at once.
    healthz: async () => json(200, { status: 'ok' }),

    // Readiness: should traffic come here right now?
    readyz: async () => {
      if (state.draining) return json(503, { status: 'draining' });
      try {
        await withTimeout(ping(), timeoutMs);
      } catch {
        return json(503, { status: 'unavailable' });
      }
      return json(200, { status: 'ready' });
    },
  };
}
// #endregion

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
