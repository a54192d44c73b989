import { AsyncLocalStorage } from 'node:async_hooks';
import { formatTraceparent, parseTraceparent, type SpanAttributes, type Tracing } from '@agent-fleet/core';
import type { Attributes, Context, Span, SpanContext, Tracer } from '@opentelemetry/api';
import type { RequestHandler } from 'express';

/** Tracing as the app uses it: the core port, the HTTP middleware, and flush/stop for the process. */
export interface AppTracing extends Tracing {
  /** Starts a `SERVER` span per HTTP request; the work of the request runs inside it. */
  requests: RequestHandler;
  /** Exports what is buffered now. */
  flush(): Promise<void>;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

export interface OtelTracingOptions {
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: the collector's base URL; spans go to `<it>/v1/traces` (OTLP/HTTP, JSON). */
  endpoint: string;
  serviceName: string;
  serviceVersion: string;
}

/** A W3C traceparent's ids, as OpenTelemetry's span context of a span elsewhere (another process, or the past). */
function spanContextOf(traceparent: string): SpanContext | null {
  const ids = parseTraceparent(traceparent);
  return ids && { ...ids, isRemote: true };
}

const clean = (attributes: SpanAttributes): Attributes =>
  Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined)) as Attributes;

/**
 * Starts OpenTelemetry tracing: spans are batched and exported over OTLP/HTTP to `endpoint`. The SDK is
 * imported here, lazily, so a server without `OTEL_EXPORTER_OTLP_ENDPOINT` never loads it. The parent of
 * a span is kept in an AsyncLocalStorage of this instance rather than in OpenTelemetry's global context
 * manager, so nothing global is registered and two apps in one process (tests) keep their traces apart.
 */
export async function startOtelTracing(options: OtelTracingOptions): Promise<AppTracing> {
  const [api, { BasicTracerProvider, BatchSpanProcessor, RandomIdGenerator }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  // Random ids, except for a span recorded with ids chosen beforehand (`record`): set just around its
  // synchronous start.
  const random = new RandomIdGenerator();
  let chosen: { traceId: string; spanId: string } | null = null;
  const provider = new BasicTracerProvider({
    idGenerator: {
      generateTraceId: () => chosen?.traceId ?? random.generateTraceId(),
      generateSpanId: () => chosen?.spanId ?? random.generateSpanId(),
    },
    resource: resourceFromAttributes({ 'service.name': options.serviceName, 'service.version': options.serviceVersion }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` }))],
  });
  const tracer: Tracer = provider.getTracer('agent-fleet', options.serviceVersion);
  const current = new AsyncLocalStorage<Context>();
  const parent = () => current.getStore() ?? api.ROOT_CONTEXT;

  const fail = (span: Span, error: unknown) => {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: api.SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    const code = (error as { code?: unknown } | null)?.code;
    span.setAttribute('error.type', typeof code === 'string' ? code : error instanceof Error ? error.name : 'error');
  };

  const contextOf = (traceparent: string | undefined): Context => {
    const remote = traceparent === undefined ? null : spanContextOf(traceparent);
    return remote ? api.trace.setSpanContext(api.ROOT_CONTEXT, remote) : parent();
  };

  return {
    async span(name, attributes, work, describe, options) {
      const from = contextOf(options?.parent);
      const kind = options?.kind === 'client' ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL;
      const span = tracer.startSpan(name, { kind, attributes: clean(attributes) }, from);
      try {
        const result = await current.run(api.trace.setSpan(from, span), work);
        const more = describe ? clean(describe(result)) : {};
        span.setAttributes(more);
        if (more['error.type'] !== undefined) span.setStatus({ code: api.SpanStatusCode.ERROR });
        return result;
      } catch (error) {
        fail(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
    active() {
      const active = api.trace.getSpanContext(parent());
      if (!active || !api.trace.isSpanContextValid(active)) return null;
      return formatTraceparent(active);
    },
    record(ended) {
      const own = spanContextOf(ended.context);
      if (!own) return;
      const from =
        ended.parentSpanId === null
          ? api.ROOT_CONTEXT
          : api.trace.setSpanContext(api.ROOT_CONTEXT, { ...own, spanId: ended.parentSpanId });
      chosen = own;
      let span: Span;
      try {
        span = tracer.startSpan(ended.name, { attributes: clean(ended.attributes), startTime: ended.startTime }, from);
      } finally {
        chosen = null;
      }
      if (ended.errorType !== undefined) {
        span.setAttribute('error.type', ended.errorType);
        span.setStatus({ code: api.SpanStatusCode.ERROR });
      }
      span.end(ended.endTime);
    },
    requests: (req, res, next) => {
      const span = tracer.startSpan(
        req.method,
        {
          kind: api.SpanKind.SERVER,
          attributes: { 'http.request.method': req.method, 'url.path': req.path, 'url.scheme': req.protocol },
        },
        parent(),
      );
      res.on('close', () => {
        // The matched route (a template, never the raw path with its ids) names the span once known.
        const route = (req.route as { path?: unknown } | undefined)?.path;
        if (typeof route === 'string') {
          span.updateName(`${req.method} ${route}`);
          span.setAttribute('http.route', route);
        }
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR });
        span.end();
      });
      current.run(api.trace.setSpan(parent(), span), next);
    },
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
