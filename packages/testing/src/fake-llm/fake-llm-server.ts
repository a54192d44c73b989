/**
 * A loopback stand-in for LLM providers that speaks the wire formats the real AI SDK adapters call, so
 * integration tests exercise those adapters (request building, SSE parsing, usage mapping, error
 * handling) without the internet. It only ever listens on 127.0.0.1 and never makes outbound calls.
 *
 * Every recognised request consumes one scripted reply from a single FIFO queue shared by all routes;
 * when the queue is empty the default reply answers. `GET /v1/models` consumes one too, so a connection
 * test can be scripted to fail, hang or be slow; text and tool-call replies there just answer the list.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { anthropicMessagesFormat } from './anthropic-messages.js';
import { modelListBody } from './model-list.js';
import { openAIChatFormat } from './openai-chat.js';
import { openAIErrorBody, openAIResponsesFormat } from './openai-responses.js';
import {
  DEFAULT_STREAM_ERROR_MESSAGE,
  toScriptedAnswer,
  writeAnswer,
  writeError,
  writeJson,
  writeJsonThenFail,
  writeMalformed,
  writeStreamError,
  writeThenFail,
  writeTruncated,
} from './reply-writer.js';
import type { FakeLlmReply } from './script.js';
import { DEFAULT_FAKE_LLM_REPLY } from './script.js';
import type { AnswerContext, WireFormat } from './wire-format.js';

export type {
  FakeLlmErrorReply,
  FakeLlmErrorStatus,
  FakeLlmHangReply,
  FakeLlmMalformedReply,
  FakeLlmReply,
  FakeLlmStreamErrorReply,
  FakeLlmStreamThenFailReply,
  FakeLlmTextReply,
  FakeLlmTruncatedReply,
  FakeLlmToolCall,
  FakeLlmToolCallsReply,
  FakeLlmUsage,
} from './script.js';
export { DEFAULT_FAKE_LLM_REPLY, DEFAULT_FAKE_LLM_USAGE } from './script.js';

/** Which SDK factory a base URL is meant for. */
export type FakeLlmProvider = 'openai' | 'anthropic' | 'compatible';

/** The endpoint a request hit; `unknown` requests get a 404 and consume no reply. */
export type FakeLlmRoute = 'openai-responses' | 'openai-chat' | 'anthropic-messages' | 'models' | 'unknown';

/** One request as the server received it, for asserting what the adapter sent. */
export interface FakeLlmRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/responses`. */
  path: string;
  route: FakeLlmRoute;
  /** Lower-cased by Node, e.g. `authorization`, `x-api-key`, `anthropic-version`. */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined when the body is empty, not JSON or not an object. */
  body: Record<string, unknown> | undefined;
  /** The reply consumed for this request; undefined when none was (unknown route, unreadable body). */
  reply: FakeLlmReply | undefined;
}

export interface FakeLlmServerOptions {
  /** Answers requests while the queue is empty. Default: text "Hello from fake". */
  defaultReply?: FakeLlmReply;
  /** Model ids listed by `GET /v1/models`. Default `['fake-model']`. */
  models?: string[];
}

export interface FakeLlmServer {
  /** Origin of the server, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** The `baseURL` the provider's SDK factory expects (all three use `${url}/v1`). */
  baseUrl(provider: FakeLlmProvider): string;
  /** Every request received so far, in arrival order. */
  readonly requests: readonly FakeLlmRequest[];
  /** Queues replies; each recognised request takes the oldest. */
  enqueue(...replies: FakeLlmReply[]): void;
  /** Replies queued but not yet consumed. */
  readonly pendingReplies: number;
  /** Drops the replies not yet consumed (a test that left some must not script the next one). */
  clearReplies(): void;
  /** Stops listening and destroys every open socket, hanging or streaming ones included. Idempotent. */
  close(): Promise<void>;
}

const ROUTES: Record<string, FakeLlmRoute> = {
  'POST /v1/responses': 'openai-responses',
  'POST /v1/chat/completions': 'openai-chat',
  'POST /v1/messages': 'anthropic-messages',
  'GET /v1/models': 'models',
};

const FORMATS: Record<Exclude<FakeLlmRoute, 'models' | 'unknown'>, WireFormat> = {
  'openai-responses': openAIResponsesFormat,
  'openai-chat': openAIChatFormat,
  'anthropic-messages': anthropicMessagesFormat,
};

/** Errors on the model list speak the dialect of whoever asked (see `model-list.ts`). */
function formatFor(route: Exclude<FakeLlmRoute, 'unknown'>, headers: IncomingHttpHeaders): WireFormat {
  if (route !== 'models') return FORMATS[route];
  return headers['anthropic-version'] === undefined ? openAIResponsesFormat : anthropicMessagesFormat;
}

/** Starts a fake provider on 127.0.0.1 with an OS-assigned port. Close it in `afterEach`/`afterAll`. */
export async function startFakeLlmServer(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
  const defaultReply = options.defaultReply ?? DEFAULT_FAKE_LLM_REPLY;
  const models = options.models ?? ['fake-model'];
  const queue: FakeLlmReply[] = [];
  const requests: FakeLlmRequest[] = [];
  const idCounters = new Map<string, number>();
  // Cancels scripted delays on close so no timer outlives the server.
  const closing = new AbortController();

  const nextId = (prefix: string) => {
    const next = (idCounters.get(prefix) ?? 0) + 1;
    idCounters.set(prefix, next);
    return `${prefix}_${next}`;
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = ROUTES[`${method} ${path}`] ?? 'unknown';
    const rawBody = await readBody(req);
    const body = parseJsonObject(rawBody);
    const record: FakeLlmRequest = { method, path, route, headers: req.headers, body, reply: undefined };
    requests.push(record);

    if (route === 'unknown') {
      writeJson(res, 404, openAIErrorBody(404, `No fake route for ${method} ${path}.`));
      return;
    }
    const format = formatFor(route, req.headers);
    if (method === 'POST' && body === undefined) {
      writeJson(res, 400, format.errorBody(400, 'The request body is not a JSON object.'));
      return;
    }

    const reply = queue.shift() ?? defaultReply;
    record.reply = reply;
    if (reply.delayMs) await sleep(reply.delayMs, undefined, { signal: closing.signal }).catch(() => undefined);
    if (closing.signal.aborted || res.destroyed) return;

    if (reply.kind === 'hang') return; // Left open until the client aborts or close() destroys the socket.
    if (reply.kind === 'error') {
      writeError(res, format, reply);
      return;
    }

    const created = Math.floor(Date.now() / 1000);
    if (route === 'models') {
      const list = modelListBody(models, req.headers, created);
      if (reply.kind === 'stream-then-fail') writeJsonThenFail(res, list);
      else writeJson(res, 200, list);
      return;
    }

    const context: AnswerContext = { model: String(body?.model ?? 'unknown'), body: body ?? {}, nextId, created };
    const stream = body?.stream === true;
    const answer = toScriptedAnswer(reply);
    // The broken-stream kinds only make sense streamed; asked without `stream`, they answer in full.
    if (reply.kind === 'stream-then-fail') writeThenFail(res, format, answer, context, stream);
    else if (reply.kind === 'truncated' && stream) writeTruncated(res, format, answer, context, reply.afterChunks);
    else if (reply.kind === 'stream-error' && stream) {
      writeStreamError(res, format, answer, context, {
        errorType: reply.errorType,
        message: reply.message ?? DEFAULT_STREAM_ERROR_MESSAGE,
        afterChunks: reply.afterChunks ?? 0,
      });
    } else if (reply.kind === 'malformed' && stream) writeMalformed(res, format, answer, context, reply.afterChunks ?? 0);
    else {
      const pacing: { chunkDelayMs?: number; stallAfterChunks?: number } = reply.kind === 'text' ? reply : {};
      await writeAnswer(res, format, answer, context, stream, {
        chunkDelayMs: pacing.chunkDelayMs,
        stallAfterChunks: pacing.stallAfterChunks,
        signal: closing.signal,
      });
    }
  }

  const server = createServer((req, res) => {
    // A client that aborts mid-answer makes writes fail; that is the scenario under test, not a server bug.
    res.on('error', () => undefined);
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else writeJson(res, 500, openAIErrorBody(500, `Fake LLM server failed: ${String(error)}`));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;

  return {
    url,
    baseUrl: () => `${url}/v1`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    get pendingReplies() {
      return queue.length;
    },
    clearReplies() {
      queue.length = 0;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        // close() alone waits for in-flight requests, and a hanging reply never finishes.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
