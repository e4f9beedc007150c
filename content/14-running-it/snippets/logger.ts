/**
 * Structured logs with pino: one JSON line per event, a child logger per
 * request that carries its id, secrets redacted before they are written.
 */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

// #region root
export function createLogger(destination?: DestinationStream, extra: LoggerOptions = {}): Logger {
  const options: LoggerOptions = {
    level: 'info',
    base: { service: 'invoices' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['password', '*.password', 'headers.authorization', 'headers.cookie'], censor: '[redacted]' },
    ...extra,
  };
  return destination ? pino(options, destination) : pino(options);
}
// #endregion

export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface LogContext {
  requestId: string;
  log: Logger;
}

const GOOD_ID = /^[A-Za-z0-9._-]{1,64}$/;

// #region request-logger
export function withRequestLog(root: Logger, now = () => performance.now()) {
  return <Ctx extends object>(next: Handler<Ctx & LogContext>): Handler<Ctx> =>
    async (request, ctx) => {
      const incoming = request.headers.get('x-request-id') ?? '';
      const requestId = GOOD_ID.test(incoming) ? incoming : crypto.randomUUID();
      const log = root.child({ requestId });
      const started = now();
      const response = await next(request, { ...ctx, requestId, log });
      log.info(
        { method: request.method, path: new URL(request.url).pathname, status: response.status, durationMs: Math.round(now() - started) },
        'request finished',
      );
      const out = new Response(response.body, response);
      out.headers.set('X-Request-Id', requestId);
      return out;
    };
}
// #endregion

// #region handler
export const showInvoice: Handler<LogContext> = async (request, { log }) => {
  const invoiceId = Number(new URL(request.url).pathname.split('/').at(-1));
  log.info({ invoiceId }, 'invoice shown');
  return Response.json({ id: invoiceId });
};
// #endregion
