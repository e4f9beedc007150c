// mistake: compares the hex digests with ===, an early-exit comparison, instead of crypto.timingSafeEqual.
import { createHash } from 'node:crypto';

export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface TokenRecord {
  userId: number;
  sha256: string;
}

export interface AuthContext {
  userId: number;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

function unauthorized(): Response {
  return Response.json({ error: 'unauthorized' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
}

export function bearerAuth(tokens: readonly TokenRecord[]) {
  return <Ctx extends object>(next: Handler<Ctx & AuthContext>): Handler<Ctx> =>
    async (request, ctx) => {
      const match = BEARER.exec(request.headers.get('authorization') ?? '');
      if (!match) return unauthorized();
      const digest = createHash('sha256').update(match[1]!).digest('hex');
      const record = tokens.find((t) => t.sha256 === digest);
      if (!record) return unauthorized();
      return next(request, { ...ctx, userId: record.userId });
    };
}
