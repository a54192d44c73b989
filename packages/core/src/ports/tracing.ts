/** Span attribute values: what OpenTelemetry accepts; undefined ones are left out. */
export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/**
 * A span recorded once it has ended, with ids chosen beforehand: a pipeline run's span, whose children (its
 * steps) name it while it runs and whose run may outlive the process that started it.
 */
export interface EndedSpan {
  name: string;
  /** Its own place, as a W3C traceparent: `00-<trace id>-<span id>-<flags>`. */
  context: string;
  /** Its parent's span id, in the same trace; null for the root of a trace. */
  parentSpanId: string | null;
  startTime: Date;
  endTime: Date;
  attributes: SpanAttributes;
  /** Set when it failed: its `error.type`, and the span's status is an error. */
  errorType?: string;
}

/**
 * Traces for operators (OpenTelemetry when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, docs/observability.md).
 * Core wraps work in spans (a task, a model call, a tool call, a step attempt) and never imports an
 * OpenTelemetry package; the server provides the adapter, loaded only when tracing is on. A span started
 * inside another's work is its child. Implementations must never fail the work they wrap.
 */
export interface Tracing {
  /**
   * Runs `work` in a span named `name`, a child of the span whose work is running (or of `options.parent`,
   * a W3C traceparent), and ends it when `work` settles: with `describe(result)`'s attributes added, or
   * with the error recorded when it throws. `options.kind` `client`: a request to another service
   * (default: internal work).
   */
  span<T>(
    name: string,
    attributes: SpanAttributes,
    work: () => Promise<T>,
    describe?: (result: T) => SpanAttributes,
    options?: { parent?: string; kind?: 'client' },
  ): Promise<T>;
  /** The span whose work is running, as a W3C traceparent, to continue its trace later; null outside any span. */
  active(): string | null;
  /** Exports a span that has ended (see `EndedSpan`). */
  record(span: EndedSpan): void;
}

/** A span's place in a trace: the parts of a W3C traceparent. */
export interface TraceIds {
  traceId: string;
  spanId: string;
  /** Bit 0: sampled. */
  traceFlags: number;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The ids of a W3C traceparent (`00-<trace id>-<span id>-<flags>`); null when `text` is not one. */
export function parseTraceparent(text: string): TraceIds | null {
  const match = TRACEPARENT.exec(text);
  if (!match) return null;
  return { traceId: match[1] ?? '', spanId: match[2] ?? '', traceFlags: Number.parseInt(match[3] ?? '01', 16) };
}

/** Ids as a W3C traceparent. */
export const formatTraceparent = ({ traceId, spanId, traceFlags }: TraceIds): string =>
  `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;

/** Traces nothing, at the cost of one function call: the default wherever tracing is off. */
export const NO_TRACING: Tracing = {
  span: (_name, _attributes, work) => work(),
  active: () => null,
  record: () => undefined,
};
