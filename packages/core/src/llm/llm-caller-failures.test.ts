import { startFakeLlmServer, type FakeLlmServer } from '@agent-fleet/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LlmCallFailedError, type RetryPolicy } from './llm-caller.js';
import { MemoryLedger, POLL, makeCaller as makeCallerFor, request, scope } from './llm-caller.test-support.js';
import { estimateInputTokens, estimateTokens } from './usage-estimate.js';

let server: FakeLlmServer;
let ledger: MemoryLedger;
let waits: number[];
const makeCaller = (retry: Partial<RetryPolicy> = {}) => makeCallerFor(server, ledger, waits, retry);

const OPENAI = { provider: 'openai', model: 'gpt-test' }; // $2 in, $8 out, $0.5 cached
const ANTHROPIC = { provider: 'anthropic', model: 'claude-test' }; // $3 in, $15 out, $0.3 read, $3.75 write
const LOCAL = { provider: 'local', model: 'llama-test' }; // $1 for everything

/** The estimate of the test request's input, as the caller counts it (system prompt and messages). */
const INPUT_ESTIMATE = estimateInputTokens({ system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }], tools: {} });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('the call should fail'),
    (error: unknown) => error,
  );

beforeAll(async () => {
  server = await startFakeLlmServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearReplies();
  ledger = new MemoryLedger();
  waits = [];
});

describe('a stream that ends without its final event', () => {
  it('fails after text (OpenAI Responses, no response.completed), keeps the partial text and records estimated usage', async () => {
    const text = 'The first half of a long answer';
    server.enqueue({ kind: 'truncated', text, chunks: 4 }, { kind: 'text', text: 'never used' });
    const deltas: string[] = [];
    const error = await failure(makeCaller().call(scope, request([OPENAI]), { onDelta: (delta) => deltas.push(delta) }));
    expect(error).toBeInstanceOf(LlmCallFailedError);
    expect(error).toMatchObject({ classified: { errorClass: 'incomplete_stream' } });
    expect(deltas.join('')).toBe(text);
    // Not retried: the text reached the user.
    expect(server.pendingReplies).toBe(1);
    const output = estimateTokens(text);
    expect(output).toBe(8);
    expect(ledger.rows).toEqual([
      expect.objectContaining({
        outcome: 'error',
        errorClass: 'incomplete_stream',
        estimated: true,
        usage: { inputTokens: INPUT_ESTIMATE, outputTokens: 8, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
        costUsd: Math.round((INPUT_ESTIMATE * 2 + 8 * 8) * 1e4) / 1e10,
      }),
    ]);
  });

  it('records the input Anthropic reported in message_start when message_stop never comes', async () => {
    const text = 'Cut off mid';
    server.enqueue({ kind: 'truncated', text, usage: { inputTokens: 1500, outputTokens: 99, cachedInputTokens: 500 } });
    await failure(makeCaller().call(scope, request([ANTHROPIC])));
    expect(ledger.rows).toHaveLength(1);
    expect(ledger.rows[0]).toMatchObject({
      outcome: 'error',
      errorClass: 'incomplete_stream',
      estimated: true,
      // Input as reported (1000 uncached + 500 cache reads); output counted from the 11 streamed characters.
      usage: { inputTokens: 1500, outputTokens: 3, cachedInputTokens: 500, cacheWriteTokens: 0, reasoningTokens: 0 },
      costUsd: (1000 * 3 + 500 * 0.3 + 3 * 15) / 1e6,
    });
  });

  it.each([OPENAI, ANTHROPIC, LOCAL])('is retried when it ends before any text ($provider)', async (model) => {
    server.enqueue(
      { kind: 'truncated', text: 'lost', afterChunks: 0 },
      { kind: 'text', text: 'Complete', usage: { inputTokens: 20, outputTokens: 4 } },
    );
    const result = await makeCaller().call(scope, request([model]));
    expect(result.text).toBe('Complete');
    expect(waits).toEqual([75]);
    expect(ledger.rows.map((row) => [row.outcome, row.errorClass, row.attempt, row.estimated])).toEqual([
      ['error', 'incomplete_stream', 1, true],
      ['success', null, 2, false],
    ]);
    expect(ledger.rows[1]?.usage).toMatchObject({ inputTokens: 20, outputTokens: 4 });
  });
});

describe('errors sent inside a stream', () => {
  it("classifies Anthropic's overloaded_error after HTTP 200 as retryable and keeps its message", async () => {
    server.enqueue(
      { kind: 'stream-error', errorType: 'overloaded_error', message: 'Overloaded' },
      { kind: 'text', text: 'Recovered', usage: { inputTokens: 100, outputTokens: 10 } },
    );
    const result = await makeCaller().call(scope, request([ANTHROPIC]));
    expect(result.text).toBe('Recovered');
    expect(ledger.rows.map((row) => [row.outcome, row.errorClass, row.errorMessage])).toEqual([
      ['error', 'server_error', 'overloaded_error: Overloaded'],
      ['success', null, null],
    ]);
    expect(result.costUsd).toBe((100 * 3 + 10 * 15) / 1e6);
  });

  it('does not retry an in-stream invalid_request_error', async () => {
    server.enqueue({ kind: 'stream-error', errorType: 'invalid_request_error', message: 'prompt is too long' });
    const error = await failure(makeCaller().call(scope, request([ANTHROPIC])));
    expect(error).toMatchObject({
      classified: { errorClass: 'bad_request', message: 'invalid_request_error: prompt is too long' },
    });
    expect(ledger.rows).toHaveLength(1);
  });

  it.each([OPENAI, LOCAL])(
    'classifies an in-stream server error of $provider after text, and does not retry it',
    async (model) => {
      server.enqueue({ kind: 'stream-error', errorType: 'server_error', message: 'boom', text: 'Half', afterChunks: 1 });
      const error = await failure(makeCaller().call(scope, request([model])));
      expect(error).toMatchObject({ classified: { errorClass: 'server_error' } });
      expect(String((error as LlmCallFailedError).message)).not.toContain('[object Object]');
      expect(ledger.rows).toHaveLength(1);
    },
  );
});

describe('a malformed SSE line', () => {
  it.each([OPENAI, ANTHROPIC, LOCAL])('before any text is retried like a dropped connection ($provider)', async (model) => {
    server.enqueue(
      { kind: 'malformed', text: 'garbled' },
      { kind: 'text', text: 'Clean', usage: { inputTokens: 10, outputTokens: 2 } },
    );
    const result = await makeCaller().call(scope, request([model]));
    expect(result.text).toBe('Clean');
    expect(ledger.rows.map((row) => [row.outcome, row.errorClass])).toEqual([
      ['error', 'malformed_stream'],
      ['success', null],
    ]);
  });
});

describe('timeouts', () => {
  it('lets a slow but steady reply finish, however long it takes in total', async () => {
    server.enqueue({ kind: 'text', text: 'one two three four five six', chunks: 6, chunkDelayMs: 120 });
    const result = await makeCaller({ firstTokenTimeoutMs: 2_000, idleTimeoutMs: 600 }).call(scope, request([OPENAI]));
    expect(result.text).toBe('one two three four five six');
    expect(ledger.rows[0]?.latencyMs).toBeGreaterThan(600);
  });

  it('ends a stream that goes idle after the first token, recording what streamed', async () => {
    server.enqueue({ kind: 'text', text: 'Hello there, friend', chunks: 3, stallAfterChunks: 1 });
    const error = await failure(makeCaller({ idleTimeoutMs: 300 }).call(scope, request([ANTHROPIC])));
    expect(error).toMatchObject({ classified: { errorClass: 'timeout', message: "The provider's stream stalled for 300 ms" } });
    expect(ledger.rows).toEqual([expect.objectContaining({ outcome: 'error', errorClass: 'timeout', estimated: true })]);
    expect(ledger.rows[0]?.usage.outputTokens).toBe(estimateTokens('Hello '));
  });

  it('caps a whole call when a total timeout is set', async () => {
    server.enqueue({ kind: 'text', text: 'a b c d e f g h', chunks: 8, chunkDelayMs: 100 }, { kind: 'text', text: 'unused' });
    const error = await failure(makeCaller({ totalTimeoutMs: 350, idleTimeoutMs: 5_000 }).call(scope, request([LOCAL])));
    expect(error).toMatchObject({
      classified: { errorClass: 'timeout', message: 'The provider call ran longer than its 350 ms cap' },
    });
  });
});

describe('usage of calls that did not succeed', () => {
  it('writes the row in flight before the request, then finalises it', async () => {
    server.enqueue({ kind: 'text', text: 'Fine', usage: { inputTokens: 50, outputTokens: 5 } });
    await makeCaller().call(scope, request([OPENAI]));
    expect(ledger.writes).toHaveLength(1);
    expect(ledger.writes[0]).toMatchObject({ outcome: 'in_flight', estimated: true, usage: { inputTokens: INPUT_ESTIMATE } });
    expect(ledger.rows[0]).toMatchObject({
      id: ledger.writes[0]?.id,
      outcome: 'success',
      estimated: false,
      usage: { inputTokens: 50 },
    });
  });

  it('records a stopped call with its estimated cost', async () => {
    server.enqueue({ kind: 'text', text: 'Words that keep coming', chunks: 4, stallAfterChunks: 2 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const pending = failure(
      makeCaller().call(scope, request([OPENAI], controller.signal), { onDelta: (delta) => deltas.push(delta) }),
    );
    await expect.poll(() => deltas.length, POLL).toBe(2);
    controller.abort();
    expect(await pending).toMatchObject({ code: 'aborted' });
    const output = estimateTokens(deltas.join(''));
    expect(ledger.rows).toEqual([
      expect.objectContaining({
        outcome: 'cancelled',
        estimated: true,
        usage: expect.objectContaining({ inputTokens: INPUT_ESTIMATE, outputTokens: output }),
        costUsd: Math.round((INPUT_ESTIMATE * 2 + output * 8) * 1e4) / 1e10,
      }),
    ]);
    expect(ledger.rows[0]?.costUsd).toBeGreaterThan(0);
  });

  it('records nothing billed when the provider refused the request with an error status', async () => {
    server.enqueue({ kind: 'error', status: 400 });
    await failure(makeCaller().call(scope, request([OPENAI])));
    expect(ledger.rows[0]).toMatchObject({
      outcome: 'error',
      estimated: false,
      costUsd: 0,
      usage: { inputTokens: 0, outputTokens: 0 },
    });
  });
});

describe('prices', () => {
  it('prices Anthropic 1-hour cache writes at their own rate', async () => {
    server.enqueue({
      kind: 'text',
      text: 'Cached',
      usage: { inputTokens: 3000, outputTokens: 100, cachedInputTokens: 500, cacheWriteTokens: 1000, cacheWrite1hTokens: 400 },
    });
    // The catalogue's claude-sonnet-4-5: $3 in, $0.3 read, $3.75 5-minute write, $6 1-hour write, $15 out.
    const result = await makeCaller().call(scope, request([{ provider: 'anthropic', model: 'claude-sonnet-4-5' }]));
    expect(result.usage).toEqual({
      inputTokens: 3000,
      outputTokens: 100,
      cachedInputTokens: 500,
      cacheWriteTokens: 1000,
      reasoningTokens: 0,
    });
    expect(result.costUsd).toBe((1500 * 3 + 500 * 0.3 + 600 * 3.75 + 400 * 6 + 100 * 15) / 1e6);
  });

  it('prices a dated model id at its family price, and flags a model nobody priced', async () => {
    server.enqueue(
      { kind: 'text', text: 'Dated', usage: { inputTokens: 1000, outputTokens: 200 } },
      { kind: 'text', text: 'Unknown', usage: { inputTokens: 1000, outputTokens: 200 } },
    );
    const dated = await makeCaller().call(scope, request([{ provider: 'anthropic', model: 'claude-sonnet-4-5-20250929' }]));
    expect(dated.costUsd).toBe((1000 * 3 + 200 * 15) / 1e6);
    await makeCaller().call(scope, request([{ provider: 'anthropic', model: 'claude-unreleased-9' }]));
    expect(ledger.rows.map((row) => [row.model, row.unpriced, row.costUsd])).toEqual([
      ['claude-sonnet-4-5-20250929', false, 0.006],
      ['claude-unreleased-9', true, 0],
    ]);
  });
});

describe('structured output on an OpenAI-compatible server', () => {
  const schema = {
    type: 'object',
    properties: { answer: { type: 'string' } },
    required: ['answer'],
    additionalProperties: false,
  };

  it('sends a strict json_schema response format', async () => {
    server.enqueue({ kind: 'text', text: '{"answer":"yes"}' });
    await makeCaller().call(scope, { ...request([LOCAL]), jsonSchema: schema });
    expect(server.requests.at(-1)?.body?.['response_format']).toEqual({
      type: 'json_schema',
      json_schema: { schema, strict: true, name: 'response' },
    });
  });

  it('puts the schema into the instructions when the server refuses json_schema, and remembers it', async () => {
    const caller = makeCaller();
    const model = { provider: 'local', model: 'no-schema-support' };
    server.enqueue({ kind: 'error', status: 400, message: "response_format 'json_schema' is not supported" });
    server.enqueue({ kind: 'text', text: '{"answer":"yes"}' }, { kind: 'text', text: '{"answer":"again"}' });
    const before = server.requests.length;
    const result = await caller.call(scope, { ...request([model]), jsonSchema: schema });
    expect(result.text).toBe('{"answer":"yes"}');
    expect(waits).toEqual([]);
    await caller.call(scope, { ...request([model]), jsonSchema: schema });
    const sent = server.requests.slice(before).map((entry) => entry.body ?? {});
    expect(sent.map((body) => (body['response_format'] as { type: string }).type)).toEqual([
      'json_schema',
      'json_object',
      'json_object',
    ]);
    const system = (sent[1]?.['messages'] as { role: string; content: string }[])[0];
    expect(system?.role).toBe('system');
    expect(system?.content).toContain(JSON.stringify(schema));
    expect(ledger.rows.map((row) => [row.outcome, row.errorClass])).toEqual([
      ['error', 'bad_request'],
      ['success', null],
      ['success', null],
    ]);
  });
});
