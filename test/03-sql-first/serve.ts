/**
 * What a server would send back for a chapter 3 handler's answer: an
 * exception escaping the handler becomes the error boundary's 500, with
 * what was thrown kept, so a grader can say "answered 500 (the handler
 * threw "integer out of range")" instead of failing on a stack trace.
 */
export async function serve(call: () => Promise<Response>): Promise<Response> {
  try {
    return await call();
  } catch (error) {
    return Response.json({ thrown: error instanceof Error ? error.message : String(error) }, { status: 500 });
  }
}

/**
 * A statement Postgres refuses while binding its parameters (OFFSET given
 * "5e+21", an int4 parameter given "2147483648") leaves PGlite's
 * node-postgres connection out of step for the next few statements, which
 * then fail with these messages although nothing is wrong with them. A
 * property skips such an input, so fast-check does not shrink the real
 * counterexample (the statement that broke the connection) to an innocent
 * one.
 */
const OUT_OF_STEP = /Connection terminated unexpectedly|unexpected \w+ message from backend/i;

export async function isFallout(res: Response): Promise<boolean> {
  if (res.status !== 500) return false;
  const body = (await res.clone().json().catch(() => ({}))) as { thrown?: unknown };
  return typeof body.thrown === 'string' && OUT_OF_STEP.test(body.thrown);
}

/** A status in words: a 500 says what the handler threw. Leaves the response unread. */
export async function answered(res: Response): Promise<string> {
  if (res.status !== 500) return String(res.status);
  const body = (await res.clone().json().catch(() => ({}))) as { thrown?: unknown };
  return typeof body.thrown === 'string' ? `500 (the handler threw "${body.thrown}")` : '500';
}
