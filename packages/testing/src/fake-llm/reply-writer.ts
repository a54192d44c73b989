/**
 * Plays one scripted reply onto an HTTP response, for whichever wire format the route speaks. Formats only
 * produce JSON; everything about the socket (status, headers, SSE framing, cutting a stream short) lives
 * here so every provider fails in the same, predictable way.
 */
import type { ServerResponse } from 'node:http';
import type { FakeLlmErrorReply, FakeLlmReply } from './script.js';
import { DEFAULT_FAKE_LLM_USAGE, splitIntoChunks } from './script.js';
import type { AnswerContext, ScriptedAnswer, SseEvent, WireFormat } from './wire-format.js';
import { DEFAULT_ERROR_MESSAGES } from './wire-format.js';

/** Replies that produce a body (everything but errors and hangs). */
export type ContentReply = Exclude<FakeLlmReply, FakeLlmErrorReply | { kind: 'hang' }>;

export function toScriptedAnswer(reply: ContentReply): ScriptedAnswer {
  if (reply.kind === 'tool-calls') {
    return {
      kind: 'tool-calls',
      calls: reply.calls.map((call) => ({ id: call.id, name: call.name, argumentsJson: JSON.stringify(call.arguments) })),
      usage: reply.usage ?? DEFAULT_FAKE_LLM_USAGE,
    };
  }
  const usage = (reply.kind === 'text' ? reply.usage : undefined) ?? DEFAULT_FAKE_LLM_USAGE;
  return { kind: 'text', chunks: splitIntoChunks(reply.text, reply.chunks), usage };
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

/** Answers in full, as SSE when the request asked to stream. */
export function writeAnswer(
  res: ServerResponse,
  format: WireFormat,
  answer: ScriptedAnswer,
  context: AnswerContext,
  stream: boolean,
) {
  if (!stream) {
    writeJson(res, 200, format.body(answer, context));
    return;
  }
  openEventStream(res);
  for (const event of format.events(answer, context)) res.write(serialiseEvent(event));
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
