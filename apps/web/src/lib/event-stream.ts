import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { apiFetch } from './api-client';
import { ApiError, apiErrorFromProblem } from './api-error';

/** A frame the stream carried that is not one of the expected events. */
export interface InvalidFrame {
  /** The frame's `event:` name, if it had one. */
  event: string | undefined;
  data: string;
  reason: 'invalid_json' | 'invalid_event';
}

/** Checks a frame's JSON `data`: a zod schema, or a hand-written check of the same shape. */
export interface FrameSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

export interface ReadEventStreamOptions<T> {
  /** Checks each frame's JSON `data`; the stream yields only what it accepts. */
  schema: FrameSchema<T>;
  /** Stops reading (and cancels the body) when aborted; the generator then throws the abort reason. */
  signal?: AbortSignal | undefined;
  /**
   * Told about each frame that is not valid JSON or fails `schema`. Such frames are skipped rather than
   * ending the stream, so a newer server's extra event types do not break an older client. Default: ignored.
   */
  onInvalidFrame?: ((frame: InvalidFrame) => void) | undefined;
}

export interface EventStreamRequestOptions<T> extends ReadEventStreamOptions<T> {
  /** Default 'POST': EventSource cannot send a body or the auth header, which is why this exists. */
  method?: 'GET' | 'POST';
  /** Serialized as JSON when present. */
  body?: unknown;
}

type FrameResult<T> = { ok: true; value: T } | { ok: false; frame: InvalidFrame };

function parseFrame<T>(message: EventSourceMessage, schema: FrameSchema<T>): FrameResult<T> {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return { ok: false, frame: { event: message.event, data: message.data, reason: 'invalid_json' } };
  }
  const parsed = schema.safeParse(data);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, frame: { event: message.event, data: message.data, reason: 'invalid_event' } };
}

/** The event a server sends, in place of any further events, when the work failed after the stream began. */
const STREAM_ERROR_EVENT = 'error';

function streamFailure(data: string): ApiError {
  const base = { status: 0, code: 'unexpected_response', title: 'The stream ended with an error' };
  let problem: unknown;
  try {
    problem = JSON.parse(data);
  } catch {
    return new ApiError(base);
  }
  const status = (problem as { status?: unknown } | null)?.status;
  return apiErrorFromProblem(problem, { ...base, status: typeof status === 'number' ? status : 0 });
}

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');

/**
 * Reads server-sent events from a response body and yields each frame's data once it is complete and
 * valid, however the bytes were split across chunks. An `error` event (problem+json: the work failed
 * after the stream began) ends the stream by throwing its ApiError. Leaving the loop early cancels the body, which
 * closes the connection.
 */
export async function* readEventStream<T>(
  body: ReadableStream<Uint8Array>,
  { schema, signal, onInvalidFrame }: ReadEventStreamOptions<T>,
): AsyncGenerator<T, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const ready: T[] = [];
  let failure: ApiError | undefined;
  const parser = createParser({
    onEvent: (message) => {
      if (failure) return;
      if (message.event === STREAM_ERROR_EVENT) {
        failure = streamFailure(message.data);
        return;
      }
      const result = parseFrame(message, schema);
      if (result.ok) ready.push(result.value);
      else onInvalidFrame?.(result.frame);
    },
  });
  // A fetch aborts its own body, but a body from elsewhere (a test, a cache) may not listen to the signal.
  const cancel = () => void reader.cancel(signal ? abortReason(signal) : undefined).catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });

  try {
    signal?.throwIfAborted();
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw abortReason(signal);
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      yield* ready.splice(0);
      if (failure) throw failure;
    }
    // A trailing frame without its blank line is dropped, as EventSource drops it.
    parser.feed(decoder.decode());
    yield* ready.splice(0);
    if (failure) throw failure;
  } finally {
    signal?.removeEventListener('abort', cancel);
    // Harmless after the end; closes the connection when the consumer stopped early or failed.
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Sends an API request that answers with server-sent events, with the same token, workspace and 401
 * renewal as every other call, and yields the events as they arrive. A problem+json answer (409, 404 …)
 * rejects with an ApiError before the first event.
 */
export async function* streamEvents<T>(path: string, options: EventStreamRequestOptions<T>): AsyncGenerator<T, void, undefined> {
  const response = await apiFetch(path, {
    method: options.method ?? 'POST',
    body: options.body,
    signal: options.signal,
    headers: { accept: 'text/event-stream, application/problem+json' },
  });
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('text/event-stream') || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw new ApiError({
      status: response.status,
      code: 'unexpected_response',
      title: 'The server did not answer with an event stream',
      requestId: response.headers.get('x-request-id') ?? undefined,
    });
  }
  yield* readEventStream(response.body, options);
}
