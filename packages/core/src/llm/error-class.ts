import type { LlmErrorClass } from '@agent-fleet/contracts';
import { APICallError, InvalidResponseDataError, JSONParseError, TypeValidationError } from '@ai-sdk/provider';
import { NoOutputGeneratedError } from 'ai';

export interface ClassifiedError {
  errorClass: LlmErrorClass;
  /** Whether trying the same model again may succeed. */
  retryable: boolean;
  /** How long the provider asked us to wait (Retry-After), in ms. */
  retryAfterMs: number | null;
  message: string;
}

/** Reads `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(headers: Record<string, string> | undefined, now = Date.now()): number | null {
  if (!headers) return null;
  const ms = Number(headers['retry-after-ms']);
  if (headers['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers['retry-after'];
  if (value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

/** The first error down the cause chain whose `code` `wanted` accepts: the SDK wraps fetch failures in its own errors. */
function findInChain(error: unknown, wanted: (code: string) => boolean): { code: string; message?: string } | undefined {
  for (let current = error, depth = 0; current && depth < 6; depth += 1) {
    const link = current as { code?: unknown; message?: string; cause?: unknown };
    if (typeof link.code === 'string' && wanted(link.code)) return link as { code: string; message?: string };
    current = link.cause;
  }
  return undefined;
}

const networkCode = (error: unknown) => findInChain(error, (code) => NETWORK_CODES.has(code))?.code;

/**
 * The stream ended before the provider's final event (`response.completed`, `message_stop`, a finish
 * reason): the reply is incomplete even though no error was sent. Retryable before the first token.
 */
export class IncompleteStreamError extends Error {
  override readonly name = 'IncompleteStreamError';
  constructor(message = "The provider's stream ended before its final event") {
    super(message);
  }
}

/** Error `type`s (Anthropic) and `code`s (OpenAI) a provider sends inside a stream, by class. */
const STREAM_ERROR_TYPES: Record<string, Pick<ClassifiedError, 'errorClass' | 'retryable'>> = {
  overloaded_error: { errorClass: 'server_error', retryable: true },
  api_error: { errorClass: 'server_error', retryable: true },
  server_error: { errorClass: 'server_error', retryable: true },
  service_unavailable: { errorClass: 'server_error', retryable: true },
  rate_limit_error: { errorClass: 'rate_limited', retryable: true },
  rate_limit_exceeded: { errorClass: 'rate_limited', retryable: true },
  timeout_error: { errorClass: 'timeout', retryable: true },
  authentication_error: { errorClass: 'auth', retryable: false },
  permission_error: { errorClass: 'auth', retryable: false },
  invalid_api_key: { errorClass: 'auth', retryable: false },
  invalid_request_error: { errorClass: 'bad_request', retryable: false },
  not_found_error: { errorClass: 'bad_request', retryable: false },
  request_too_large: { errorClass: 'bad_request', retryable: false },
};

/** A provider's error object sent in a stream (not an Error): `{ type, message }` or `{ code, message }`. */
function providerErrorObject(error: unknown): ClassifiedError | null {
  if (typeof error !== 'object' || error === null || error instanceof Error) return null;
  const record = error as { type?: unknown; code?: unknown; message?: unknown; error?: unknown };
  // OpenAI nests it: `{ type: 'error', error: { code, message } }`.
  if (record.type === 'error' && typeof record.error === 'object' && record.error !== null) {
    return providerErrorObject(record.error);
  }
  const kind = [record.type, record.code]
    .map((value) =>
      typeof value === 'string' && Object.hasOwn(STREAM_ERROR_TYPES, value) ? STREAM_ERROR_TYPES[value] : undefined,
    )
    .find((value) => value !== undefined);
  const label = [record.type, record.code].find((value): value is string => typeof value === 'string');
  const message = typeof record.message === 'string' ? record.message : JSON.stringify(error).slice(0, 500);
  const text = label ? `${label}: ${message}` : message;
  if (!kind) return { errorClass: 'unknown', retryable: false, retryAfterMs: null, message: text };
  return { ...kind, retryAfterMs: null, message: text };
}

/**
 * Sorts a failed provider call into a coarse class and decides whether a retry may help: rate limits,
 * server errors, timeouts and dropped connections may; bad requests, auth and refused addresses won't.
 * `timedOut` and `aborted` say which of our own signals fired.
 */
export function classifyError(error: unknown, state: { timedOut: boolean; aborted: boolean }): ClassifiedError {
  const message = error instanceof Error ? error.message : String(error);
  if (state.aborted) return { errorClass: 'aborted', retryable: false, retryAfterMs: null, message: 'Stopped by the user' };
  if (state.timedOut)
    return { errorClass: 'timeout', retryable: true, retryAfterMs: null, message: 'The provider did not answer in time' };
  const fromProvider = providerErrorObject(error);
  if (fromProvider) return fromProvider;
  if (error instanceof IncompleteStreamError || NoOutputGeneratedError.isInstance(error)) {
    return { errorClass: 'incomplete_stream', retryable: true, retryAfterMs: null, message };
  }
  if (InvalidResponseDataError.isInstance(error) && /ended without/i.test(message)) {
    return { errorClass: 'incomplete_stream', retryable: true, retryAfterMs: null, message };
  }
  if (JSONParseError.isInstance(error) || TypeValidationError.isInstance(error) || InvalidResponseDataError.isInstance(error)) {
    return { errorClass: 'malformed_stream', retryable: true, retryAfterMs: null, message: message.slice(0, 500) };
  }
  const refused = findInChain(error, (code) => code === 'outbound_refused');
  if (refused) return { errorClass: 'refused', retryable: false, retryAfterMs: null, message: refused.message ?? message };
  if (APICallError.isInstance(error)) {
    const status = error.statusCode ?? 0;
    const after = retryAfterMs(error.responseHeaders);
    // Anthropic answers 529 when overloaded; the SDK also maps an in-stream `overloaded_error` to it.
    if (status === 429) return { errorClass: 'rate_limited', retryable: true, retryAfterMs: after, message };
    if (status === 408) return { errorClass: 'timeout', retryable: true, retryAfterMs: after, message };
    if (status >= 500) return { errorClass: 'server_error', retryable: true, retryAfterMs: after, message };
    if (status === 401 || status === 403) return { errorClass: 'auth', retryable: false, retryAfterMs: null, message };
    if (status >= 400) return { errorClass: 'bad_request', retryable: false, retryAfterMs: null, message };
    if (networkCode(error)) return { errorClass: 'network', retryable: true, retryAfterMs: null, message };
    return { errorClass: 'unknown', retryable: error.isRetryable, retryAfterMs: after, message };
  }
  if (networkCode(error) || (error instanceof TypeError && /fetch failed|terminated|socket/i.test(message))) {
    return { errorClass: 'network', retryable: true, retryAfterMs: null, message };
  }
  return { errorClass: 'unknown', retryable: false, retryAfterMs: null, message };
}
