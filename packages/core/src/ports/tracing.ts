/** Span attribute values: what OpenTelemetry accepts; undefined ones are left out. */
export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/**
 * Traces for operators (OpenTelemetry when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, docs/observability.md).
 * Core wraps work in spans (a task, a model call, a tool call) and never imports an OpenTelemetry package;
 * the server provides the adapter, loaded only when tracing is on. A span started inside another's work is
 * its child. Implementations must never fail the work they wrap.
 */
export interface Tracing {
  /**
   * Runs `work` in a span named `name`, a child of the span whose work is running, and ends it when `work`
   * settles: with `describe(result)`'s attributes added, or with the error recorded when it throws.
   */
  span<T>(name: string, attributes: SpanAttributes, work: () => Promise<T>, describe?: (result: T) => SpanAttributes): Promise<T>;
}

/** Traces nothing, at the cost of one function call: the default wherever tracing is off. */
export const NO_TRACING: Tracing = { span: (_name, _attributes, work) => work() };
