/**
 * Plays one scripted reply onto an HTTP response, for whichever wire format the route speaks. Formats only
 * produce JSON; everything about the socket (status, headers, SSE framing, cutting a stream short) lives
 * here so every provider fails in the same, predictable way.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeLlmErrorReply, FakeLlmReply } from './script.js';
import { DEFAULT_FAKE_LLM_USAGE, splitIntoChunks } from './script.js';
import type { AnswerContext, ScriptedAnswer, SseEvent, WireFormat } from './wire-format.js';
import { DEFAULT_ERROR_MESSAGES } from './wire-format.js';

/** Replies that produce a body (everything but errors and hangs). */
export type ContentReply = Exclude<FakeLlmReply, FakeLlmErrorReply | { kind: 'hang' }>;

export const DEFAULT_STREAM_ERROR_MESSAGE = 'Overloaded (scripted by the fake LLM server).';

export function toScriptedAnswer(reply: ContentReply): ScriptedAnswer {
  if (reply.kind === 'tool-calls') {
    return {
      kind: 'tool-calls',
      calls: reply.calls.map((call) => ({ id: call.id, name: call.name, argumentsJson: JSON.stringify(call.arguments) })),
      usage: reply.usage ?? DEFAULT_FAKE_LLM_USAGE,
    };
  }
  const usage = ('usage' in reply ? reply.usage : undefined) ?? DEFAULT_FAKE_LLM_USAGE;
  const text = reply.kind === 'stream-error' ? (reply.text ?? '') : reply.text;
  return { kind: 'text', chunks: text === '' ? [] : splitIntoChunks(text, reply.chunks), usage };
}

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function writeError(res: ServerResponse, format: WireFormat, reply: FakeLlmErrorReply) {
  const message = reply.message ?? DEFAULT_ERROR_MESSAGES[reply.status];
  const headers: Record<string, string> =
    reply.retryAfterSeconds === undefined ? {} : { 'retry-after': String(reply.retryAfterSeconds) };
  writeJson(res, reply.status, format.errorBody(reply.status, message), headers);
}

/** How a stream is paced, and when it is closed (see `FakeLlmTextReply`). */
export interface StreamPacingOptions {
  chunkDelayMs?: number | undefined;
  stallAfterChunks?: number | undefined;
  /** Aborted when the server closes: ends pending delays and stalls. */
  signal: AbortSignal;
}

/** Answers in full, as SSE when the request asked to stream (paced, or going quiet, as scripted). */
export async function writeAnswer(
  res: ServerResponse,
  format: WireFormat,
  answer: ScriptedAnswer,
  context: AnswerContext,
  stream: boolean,
  pacing: StreamPacingOptions,
) {
  if (!stream) {
    writeJson(res, 200, format.body(answer, context));
    return;
  }
  openEventStream(res);
  let deltas = 0;
  for (const event of format.events(answer, context)) {
    if (event.textDelta) {
      if (pacing.stallAfterChunks !== undefined && deltas >= pacing.stallAfterChunks) return; // Idle until closed.
      if (pacing.chunkDelayMs) await sleep(pacing.chunkDelayMs, undefined, { signal: pacing.signal }).catch(() => undefined);
      if (pacing.signal.aborted || res.destroyed) return;
      deltas += 1;
    }
    res.write(serialiseEvent(event));
  }
  res.end();
}

/** The events up to `afterChunks` text deltas (all of them when undefined), never the terminal ones. */
function leadingEvents(events: SseEvent[], afterChunks: number | undefined): SseEvent[] {
  const kept: SseEvent[] = [];
  let deltas = 0;
  for (const event of events) {
    if (event.terminal) break;
    if (event.textDelta) {
      if (afterChunks !== undefined && deltas >= afterChunks) break;
      deltas += 1;
    }
    kept.push(event);
  }
  return kept;
}

/** A stream that ends cleanly before its final events: a reply cut short with no error to see. */
export function writeTruncated(
  res: ServerResponse,
  format: WireFormat,
  answer: ScriptedAnswer,
  context: AnswerContext,
  afterChunks: number | undefined,
) {
  openEventStream(res);
  for (const event of leadingEvents(format.events(answer, context), afterChunks)) res.write(serialiseEvent(event));
  res.end();
}

/** A started stream, then the provider's own error event, then the end of the stream. */
export function writeStreamError(
  res: ServerResponse,
  format: WireFormat,
  answer: ScriptedAnswer,
  context: AnswerContext,
  error: { errorType: string; message: string; afterChunks: number },
) {
  openEventStream(res);
  const leading = leadingEvents(format.events(answer, context), error.afterChunks);
  for (const event of leading) res.write(serialiseEvent(event));
  res.write(serialiseEvent(format.streamError(error.errorType, error.message, leading.length)));
  res.end();
}

/** A stream with one data line that is not JSON after `afterChunks` text deltas; the rest follows intact. */
export function writeMalformed(
  res: ServerResponse,
  format: WireFormat,
  answer: ScriptedAnswer,
  context: AnswerContext,
  afterChunks: number,
) {
  openEventStream(res);
  const events = format.events(answer, context);
  const leading = leadingEvents(events, afterChunks);
  for (const event of leading) res.write(serialiseEvent(event));
  const name = leading.find((event) => event.event !== undefined) ? 'event: content_block_delta\n' : '';
  res.write(`${name}data: {"type": "content_block_delta", "delta": {"text": "unterminated\n\n`);
  for (const event of events.slice(leading.length)) res.write(serialiseEvent(event));
  res.end();
}

/**
 * Sends a 200 and the first half of the answer (at least one text delta when streaming, half the JSON
 * otherwise), then destroys the socket once those bytes are handed to the OS, so the client sees a
 * connection that dies mid-body rather than a clean error status.
 */
export function writeThenFail(
  res: ServerResponse,
  format: WireFormat,
  answer: ScriptedAnswer,
  context: AnswerContext,
  stream: boolean,
) {
  if (!stream) {
    writeJsonThenFail(res, format.body(answer, context));
    return;
  }
  const events = format.events(answer, context);
  const deltaIndexes = events.flatMap((event, index) => (event.textDelta ? [index] : []));
  const last = deltaIndexes[Math.max(0, Math.floor(deltaIndexes.length / 2) - 1)] ?? Math.floor(events.length / 2);
  openEventStream(res);
  const partial = events
    .slice(0, last + 1)
    .map(serialiseEvent)
    .join('');
  res.write(partial, () => res.destroy());
}

/** A 200 announcing the full length, half the JSON, then a dead socket: a connection dropped mid-body. */
export function writeJsonThenFail(res: ServerResponse, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.write(text.slice(0, Math.floor(text.length / 2)), () => res.destroy());
}

function openEventStream(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  // Send the status line now: clients resolve `fetch` on headers, then read events as they come.
  res.flushHeaders();
}

function serialiseEvent(event: SseEvent): string {
  const data = event.data === '[DONE]' ? '[DONE]' : JSON.stringify(event.data);
  return `${event.event === undefined ? '' : `event: ${event.event}\n`}data: ${data}\n\n`;
}
