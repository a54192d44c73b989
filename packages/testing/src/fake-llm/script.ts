/**
 * The script a test hands the fake LLM server: what the "model" answers next. Replies are written in
 * the terms of the AI SDK's `LanguageModelUsage` (totals, not wire fields) so one script means the
 * same thing for every wire format; each format module translates it into its provider's fields.
 */

/**
 * Token counts as the AI SDK should report them. `inputTokens` is the total prompt size *including*
 * cached reads and cache writes (Anthropic's wire `input_tokens` excludes them; the Anthropic format
 * subtracts them so `usage.inputTokens` comes out equal to this number).
 */
export interface FakeLlmUsage {
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens served from the provider's cache. Default 0. */
  cachedInputTokens?: number;
  /** Prompt tokens written to the cache. Default: not reported (Anthropic reports 0). */
  cacheWriteTokens?: number;
  /**
   * Of `cacheWriteTokens`, those written to Anthropic's 1-hour cache: the Anthropic format then reports
   * the split in `usage.cache_creation` (`ephemeral_5m_input_tokens`, `ephemeral_1h_input_tokens`).
   */
  cacheWrite1hTokens?: number;
  /** Output tokens spent on hidden reasoning; part of `outputTokens`. Default: 0 for OpenAI, absent for Anthropic. */
  reasoningTokens?: number;
}

/** A function call the model asks the client to run. */
export interface FakeLlmToolCall {
  /** Provider call id. Default: generated (`call_N` for OpenAI formats, `toolu_N` for Anthropic). */
  id?: string;
  name: string;
  arguments: Record<string, unknown>;
}

/** Status codes a scripted failure may carry; each maps to the provider's own error type. */
export type FakeLlmErrorStatus = 400 | 401 | 429 | 500 | 503;

interface ReplyTiming {
  /** Wait this long before answering (status line included). Default 0. */
  delayMs?: number;
}

/** Pacing of a streamed answer: a slow stream, or one that goes quiet. */
interface StreamPacing {
  /** Wait this long before each streamed text delta. Default 0. */
  chunkDelayMs?: number;
  /** After this many text deltas, send nothing more and keep the connection open (an idle stream). */
  stallAfterChunks?: number;
}

/** A plain assistant message, streamed as `chunks` deltas when the request has `stream: true`. */
export interface FakeLlmTextReply extends ReplyTiming, StreamPacing {
  kind: 'text';
  text: string;
  /** Default {@link DEFAULT_FAKE_LLM_USAGE}. */
  usage?: FakeLlmUsage;
  /** How many deltas a streamed answer is split into (capped at the text length). Default 3. */
  chunks?: number;
}

/**
 * A 200 stream that ends cleanly (no socket error) before the provider's final events: without
 * `response.completed` (Responses), `message_delta`/`message_stop` (Anthropic), or the finish-reason
 * chunk, usage and `[DONE]` (chat completions).
 */
export interface FakeLlmTruncatedReply extends ReplyTiming {
  kind: 'truncated';
  text: string;
  chunks?: number;
  /** Text deltas sent before the end; 0 ends the stream before any text. Default: all of them. */
  afterChunks?: number;
  /** Usage the stream's opening event reports where the format has one (Anthropic `message_start`). */
  usage?: FakeLlmUsage;
}

/**
 * A 200 stream carrying the provider's own error event after `afterChunks` text deltas: Anthropic's
 * `event: error` (`{type:"error", error:{type, message}}`), the Responses `error` event, or a chat
 * completions `{"error": …}` chunk.
 */
export interface FakeLlmStreamErrorReply extends ReplyTiming {
  kind: 'stream-error';
  /** The provider's error type, e.g. `overloaded_error`, `api_error`, `invalid_request_error`. */
  errorType: string;
  message?: string;
  /** Text streamed before the error. Default ''. */
  text?: string;
  chunks?: number;
  /** Text deltas sent before the error. Default 0. */
  afterChunks?: number;
  usage?: FakeLlmUsage;
}

/** A 200 stream whose data line after `afterChunks` text deltas is not JSON; the rest of the answer follows. */
export interface FakeLlmMalformedReply extends ReplyTiming {
  kind: 'malformed';
  text: string;
  chunks?: number;
  /** Text deltas sent before the malformed line. Default 0. */
  afterChunks?: number;
  usage?: FakeLlmUsage;
}

/** The model stops to ask for one or more tool calls. */
export interface FakeLlmToolCallsReply extends ReplyTiming {
  kind: 'tool-calls';
  calls: FakeLlmToolCall[];
  usage?: FakeLlmUsage;
}

/** An HTTP error in the provider's real error-body shape. */
export interface FakeLlmErrorReply extends ReplyTiming {
  kind: 'error';
  status: FakeLlmErrorStatus;
  /** Sent as the `retry-after` header when given. */
  retryAfterSeconds?: number;
  /** Default: a short description of the status. */
  message?: string;
}

/** Accepts the request and never answers, until the client aborts or the server closes. */
export interface FakeLlmHangReply extends ReplyTiming {
  kind: 'hang';
}

/** Sends a 200 and the first part of the answer, then destroys the socket (a mid-stream failure). */
export interface FakeLlmStreamThenFailReply extends ReplyTiming {
  kind: 'stream-then-fail';
  text: string;
  chunks?: number;
}

export type FakeLlmReply =
  | FakeLlmTextReply
  | FakeLlmToolCallsReply
  | FakeLlmErrorReply
  | FakeLlmHangReply
  | FakeLlmStreamThenFailReply
  | FakeLlmTruncatedReply
  | FakeLlmStreamErrorReply
  | FakeLlmMalformedReply;

/** Usage reported when a reply does not script its own. */
export const DEFAULT_FAKE_LLM_USAGE: Readonly<FakeLlmUsage> = Object.freeze({ inputTokens: 10, outputTokens: 5 });

/** Answered when the queue is empty, so tests that do not care about the model's words need no script. */
export const DEFAULT_FAKE_LLM_REPLY: Readonly<FakeLlmTextReply> = Object.freeze({
  kind: 'text',
  text: 'Hello from fake',
});

const DEFAULT_CHUNKS = 3;

/**
 * Splits text into `count` non-empty pieces of nearly equal length that join back to the text exactly
 * (fewer when the text is shorter). Splits on code points so a surrogate pair is never cut in half.
 */
export function splitIntoChunks(text: string, count = DEFAULT_CHUNKS): string[] {
  const codePoints = Array.from(text);
  const pieces = Math.max(1, Math.min(Math.floor(count), codePoints.length));
  const base = Math.floor(codePoints.length / pieces);
  const remainder = codePoints.length % pieces;
  const chunks: string[] = [];
  let start = 0;
  for (let piece = 0; piece < pieces; piece += 1) {
    const end = start + base + (piece < remainder ? 1 : 0);
    chunks.push(codePoints.slice(start, end).join(''));
    start = end;
  }
  return chunks;
}
