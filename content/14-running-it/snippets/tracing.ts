/**
 * Traces with OpenTelemetry's Node SDK: a span per request, a child span
 * per query, and the trace id in every log line.
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace';

export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

// #region sdk
export function startTracing(exporter: SpanExporter): NodeSDK {
  const sdk = new NodeSDK({
    serviceName: 'invoices',
    spanProcessors: [new BatchSpanProcessor({ exporter })],
    instrumentations: [], // or getNodeAutoInstrumentations(), loaded with --import
    autoDetectResources: false,
  });
  sdk.start(); // registers the global tracer provider and an AsyncLocalStorage context
  return sdk; // await sdk.shutdown() during graceful shutdown: it flushes the last spans
}
// #endregion

const tracer = trace.getTracer('invoices');

// #region span
export function traced<Ctx>(route: string, next: Handler<Ctx>): Handler<Ctx> {
  return (request, ctx) =>
    tracer.startActiveSpan(
      `${request.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route } },
      async (span) => {
        try {
          const response = await next(request, ctx);
          span.setAttribute('http.response.status_code', response.status);
          if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          return response;
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
}

export function inSpan<T>(name: string, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT }, async (span) => {
    try {
      return await work();
    } finally {
      span.end();
    }
  });
}
// #endregion

// #region log-correlation
/** A pino `mixin`: every line logged inside a span carries its ids. */
export function traceIds(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
// #endregion
