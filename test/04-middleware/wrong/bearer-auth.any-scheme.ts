// mistake: takes the token with header.split(' ')[1], so "Basic <token>" and "Bearer <token> junk" get in.
import { createHash, timingSafeEqual } from 'node:crypto';

export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface TokenRecord {
  userId: number;
  sha256: string;
}

export interface AuthContext {
  userId: number;
}

function unauthorized(): Response {
  return Response.json({ error: 'unauthorized' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
}

export function bearerAuth(tokens: readonly TokenRecord[]) {
  const records = tokens.map((t) => ({ userId: t.userId, digest: Buffer.from(t.sha256, 'hex') }));
  return <Ctx extends object>(next: Handler<Ctx & AuthContext>): Handler<Ctx> =>
    async (request, ctx) => {
      const token = (request.headers.get('authorization') ?? '').split(' ')[1];
      if (!token) return unauthorized();
      const digest = createHash('sha256').update(token).digest();
      const record = records.find((r) => timingSafeEqual(r.digest, digest));
      if (!record) return unauthorized();
      return next(request, { ...ctx, userId: record.userId });
    };
}
