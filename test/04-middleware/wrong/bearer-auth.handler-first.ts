// mistake: runs the handler first and checks the token afterwards, so a rejected request has already had its effects.
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

function unauthorized(): Response {
  return Response.json({ error: 'unauthorized' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
}

export function bearerAuth(tokens: readonly TokenRecord[]) {
  const records = tokens.map((t) => ({ userId: t.userId, digest: Buffer.from(t.sha256, 'hex') }));
  return <Ctx extends object>(next: Handler<Ctx & AuthContext>): Handler<Ctx> =>
    async (request, ctx) => {
      const match = BEARER.exec(request.headers.get('authorization') ?? '');
      const digest = createHash('sha256').update(match?.[1] ?? '').digest();
      const record = records.find((r) => timingSafeEqual(r.digest, digest));
      const response = await next(request, { ...ctx, userId: record?.userId ?? 0 });
      return match && record ? response : unauthorized();
    };
}
