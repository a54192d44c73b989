/**
 * The contract between the server (which owns sockets, the reply queue and timing) and one provider's
 * wire format (which only turns a scripted answer into that provider's JSON). Keeping formats pure data
 * lets the server apply delays, mid-stream failures and aborts the same way for every provider.
 */
import type { FakeLlmErrorStatus, FakeLlmUsage } from './script.js';

/** A scripted answer with every default applied, ready to be rendered. */
export type ScriptedAnswer =
  | { kind: 'text'; chunks: string[]; usage: FakeLlmUsage }
  | { kind: 'tool-calls'; calls: ScriptedToolCall[]; usage: FakeLlmUsage };

export interface ScriptedToolCall {
  /** The provider call id, or undefined to let the format generate one in its own style. */
  id: string | undefined;
  name: string;
  /** Arguments already serialised, streamed in pieces by formats that stream them. */
  argumentsJson: string;
}

/** One server-sent event. `data` is serialised as JSON unless it is the literal `[DONE]` sentinel. */
export interface SseEvent {
  /** The `event:` line; omitted by formats (chat completions) that send data-only events. */
  event?: string;
  data: unknown;
  /** True for events that carry a piece of the answer's text; a mid-stream failure cuts among these. */
  textDelta?: boolean;
  /** True for the closing events a complete stream ends with (finish reason, final usage, end marker). */
  terminal?: boolean;
}

/** What a format may learn about the request it answers. */
export interface AnswerContext {
  /** The model id the client asked for, echoed back like real providers do. */
  model: string;
  /** The parsed request body, for format-specific switches such as `stream_options.include_usage`. */
  body: Record<string, unknown>;
  /** Deterministic ids (`prefix_1`, `prefix_2`, ...) unique within one server. */
  nextId(prefix: string): string;
  /** Unix seconds, fixed per answer. */
  created: number;
}

export interface WireFormat {
  /** The JSON body of a non-streamed answer. */
  body(answer: ScriptedAnswer, context: AnswerContext): unknown;
  /** The events of a streamed answer, in order, including any terminal sentinel. */
  events(answer: ScriptedAnswer, context: AnswerContext): SseEvent[];
  /** The provider's error body for a failed call. */
  errorBody(status: FakeLlmErrorStatus | 404, message: string): unknown;
  /** The event a provider sends when a stream it already started fails (after an HTTP 200). */
  streamError(errorType: string, message: string, sequence: number): SseEvent;
}

/** Short messages used when a scripted error does not carry its own. */
export const DEFAULT_ERROR_MESSAGES: Readonly<Record<FakeLlmErrorStatus | 404, string>> = {
  400: 'Invalid request (scripted by the fake LLM server).',
  401: 'Invalid API key (scripted by the fake LLM server).',
  404: 'Not found.',
  429: 'Rate limit exceeded (scripted by the fake LLM server).',
  500: 'Internal server error (scripted by the fake LLM server).',
  503: 'Service unavailable (scripted by the fake LLM server).',
};

/** Splits serialised tool arguments into two pieces so formats that stream them send real deltas. */
export function splitArguments(argumentsJson: string): string[] {
  if (argumentsJson.length < 2) return [argumentsJson];
  const middle = Math.floor(argumentsJson.length / 2);
  return [argumentsJson.slice(0, middle), argumentsJson.slice(middle)];
}
