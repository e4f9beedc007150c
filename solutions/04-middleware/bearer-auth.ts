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
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

function unauthorized(): Response {
  return Response.json(
    { error: 'unauthorized' },
    { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
  );
}

export function bearerAuth(tokens: readonly TokenRecord[]) {
  // Decode the stored digests once, not on every request.
  const records = tokens.map((t) => ({
    userId: t.userId,
    digest: Buffer.from(t.sha256, 'hex'),
  }));

  return <Ctx extends object>(next: Handler<Ctx & AuthContext>): Handler<Ctx> =>
    async (request, ctx) => {
      const match = BEARER.exec(request.headers.get('authorization') ?? '');
      if (!match) return unauthorized();

      // Both sides are 32-byte digests, so timingSafeEqual never throws on
      // a length mismatch, and the token's length is not what is compared.
      const digest = createHash('sha256').update(match[1]!).digest();
      const record = records.find(
        (r) => r.digest.length === digest.length && timingSafeEqual(r.digest, digest),
      );
      if (!record) return unauthorized();

      return next(request, { ...ctx, userId: record.userId });
    };
}
