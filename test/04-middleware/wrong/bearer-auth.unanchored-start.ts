// mistake: leaves the ^ off the pattern (/Bearer (token)$/i), so whatever precedes "Bearer" is ignored: "Token Bearer <token>" and "Bearer Bearer <token>" get in.
/**
 * Bearer tokens → a user id in the context, or a JSON 401.
 * Only SHA-256 digests of the tokens are stored; the comparison runs in
 * constant time so response timing says nothing about how close a guess was.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface TokenRecord {
  userId: number;
  /** SHA-256 of the token, as 64 lower-case hex characters. */
  sha256: string;
}

export interface AuthContext {
  userId: number;
}

// RFC 6750: the scheme is case-insensitive, the token is token68.
const BEARER = /Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

function unauthorized(): Response {
  return Response.json(
    { error: 'unauthorized' },
    { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
  );
}

// A stored digest: exactly 32 bytes written as hex. Buffer.from(text, 'hex')
// silently stops at the first character that is not hex, so check first.
const SHA256_HEX = /^[0-9a-f]{64}$/i;

export function bearerAuth(tokens: readonly TokenRecord[]) {
  // Decode the stored digests once, when the chain is built, and refuse a
  // malformed one there: a typo in the token list stops the service at
  // start-up instead of turning into 401s.
  const records = tokens.map((t) => {
    if (!SHA256_HEX.test(t.sha256)) {
      throw new TypeError(`bearerAuth: the token record of user ${t.userId} has a sha256 that is not 64 hex characters`);
    }
    return { userId: t.userId, digest: Buffer.from(t.sha256, 'hex') };
  });

  return <Ctx extends object>(next: Handler<Ctx & AuthContext>): Handler<Ctx> =>
    async (request, ctx) => {
      const match = BEARER.exec(request.headers.get('authorization') ?? '');
      if (!match) return unauthorized();

      // Digests, not tokens, are compared: both sides are always 32 bytes,
      // so timingSafeEqual never meets two lengths, and no length check
      // before it can tell a timer how long the token is.
      const digest = createHash('sha256').update(match[1]!).digest();
      const record = records.find((r) => timingSafeEqual(r.digest, digest));
      if (!record) return unauthorized();

      return next(request, { ...ctx, userId: record.userId });
    };
}
