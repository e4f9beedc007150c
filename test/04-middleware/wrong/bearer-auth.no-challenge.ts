// mistake: answers 401 without the WWW-Authenticate header that tells the client which scheme to use.
import { createHash, timingSafeEqual } from 'node:crypto';

export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface TokenRecord {
  userId: number;
  sha256: string;
}

export interface AuthContext {
  userId: number;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

export function bearerAuth(tokens: readonly TokenRecord[]) {
  const records = tokens.map((t) => ({ userId: t.userId, digest: Buffer.from(t.sha256, 'hex') }));
  return <Ctx extends object>(next: Handler<Ctx & AuthContext>): Handler<Ctx> =>
    async (request, ctx) => {
      const match = BEARER.exec(request.headers.get('authorization') ?? '');
      const digest = match ? createHash('sha256').update(match[1]!).digest() : null;
      const record = digest && records.find((r) => timingSafeEqual(r.digest, digest));
      if (!record) return Response.json({ error: 'unauthorized' }, { status: 401 });
      return next(request, { ...ctx, userId: record.userId });
    };
}
