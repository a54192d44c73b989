import type { RetryPolicy } from './llm-caller.js';
import { startFakeLlmServer, type FakeLlmServer } from '@agent-fleet/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LlmCallFailedError } from './llm-caller.js';
import { MemoryLedger, POLL, makeCaller as makeCallerFor, request, scope } from './llm-caller.test-support.js';

let server: FakeLlmServer;
let ledger: MemoryLedger;
let waits: number[];
const makeCaller = (retry: Partial<RetryPolicy> = {}) => makeCallerFor(server, ledger, waits, retry);

beforeAll(async () => {
  server = await startFakeLlmServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  ledger = new MemoryLedger();
  waits = [];
});

describe('LlmCaller against the real SDK adapters', () => {
  it('streams a reply and records one ledger row priced from the reported usage, cached and reasoning included', async () => {
    server.enqueue({
      kind: 'text',
      text: 'Hello from OpenAI',
      usage: { inputTokens: 1000, outputTokens: 300, cachedInputTokens: 400, reasoningTokens: 100 },
    });
    const deltas: string[] = [];
    const result = await makeCaller().call(scope, request([{ provider: 'openai', model: 'gpt-test' }]), {
      onDelta: (delta) => deltas.push(delta),
    });
    expect(result.text).toBe('Hello from OpenAI');
    expect(deltas.join('')).toBe('Hello from OpenAI');
    // 600 uncached × $2 + 400 cached × $0.5 + 200 visible output × $8 + 100 reasoning × $8, per million.
    const expected = (600 * 2 + 400 * 0.5 + 200 * 8 + 100 * 8) / 1e6;
    expect(result.costUsd).toBeCloseTo(expected, 12);
    expect(ledger.rows).toHaveLength(1);
    expect(ledger.rows[0]).toMatchObject({
      provider: 'openai',
      model: 'gpt-test',
      outcome: 'success',
      attempt: 1,
      fallback: false,
      promptRef: 'support@3',
      usage: { inputTokens: 1000, outputTokens: 300, cachedInputTokens: 400, cacheWriteTokens: 0, reasoningTokens: 100 },
    });
    expect(ledger.rows[0]?.costUsd).toBeCloseTo(expected, 12);
    expect(ledger.rows[0]?.timeToFirstTokenMs).not.toBeNull();
    const sent = server.requests.at(-1);
    expect(sent?.route).toBe('openai-responses');
    expect(sent?.headers.authorization).toBe('Bearer sk-openai');
  });

  it('prices Anthropic cache writes and reads', async () => {
    server.enqueue({
      kind: 'text',
      text: 'Hi',
      usage: { inputTokens: 2000, outputTokens: 100, cachedInputTokens: 1000, cacheWriteTokens: 500 },
    });
    const result = await makeCaller().call(scope, request([{ provider: 'anthropic', model: 'claude-test' }]));
    expect(result.usage).toEqual({
      inputTokens: 2000,
      outputTokens: 100,
      cachedInputTokens: 1000,
      cacheWriteTokens: 500,
      reasoningTokens: 0,
    });
    expect(result.costUsd).toBeCloseTo((500 * 3 + 1000 * 0.3 + 500 * 3.75 + 100 * 15) / 1e6, 12);
  });

  it('retries a 429 after the Retry-After the provider asked for, then succeeds', async () => {
    server.enqueue({ kind: 'error', status: 429, retryAfterSeconds: 2 }, { kind: 'text', text: 'Finally' });
    const result = await makeCaller().call(scope, request([{ provider: 'local', model: 'llama-test' }]));
    expect(result.text).toBe('Finally');
    expect(waits).toEqual([2000]);
    expect(ledger.rows.map((row) => [row.outcome, row.errorClass, row.attempt])).toEqual([
      ['error', 'rate_limited', 1],
      ['success', null, 2],
    ]);
  });

  it('backs off exponentially on 5xx and falls back to the next model when retries run out', async () => {
    server.enqueue(
      { kind: 'error', status: 500 },
      { kind: 'error', status: 503 },
      { kind: 'error', status: 500 },
      { kind: 'text', text: 'From the fallback' },
    );
    const result = await makeCaller().call(
      scope,
      request([
        { provider: 'openai', model: 'gpt-test' },
        { provider: 'anthropic', model: 'claude-test' },
      ]),
    );
    expect(result).toMatchObject({ provider: 'anthropic', text: 'From the fallback' });
    // Full-jitter halves with random 0.5: 100 → 75, 200 → 150.
    expect(waits).toEqual([75, 150]);
    expect(ledger.rows.map((row) => [row.provider, row.outcome, row.attempt, row.fallback])).toEqual([
      ['openai', 'error', 1, false],
      ['openai', 'error', 2, false],
      ['openai', 'error', 3, false],
      ['anthropic', 'success', 1, true],
    ]);
  });

  it('does not retry an auth error, and fails when no model is left', async () => {
    server.enqueue({ kind: 'error', status: 401 });
    const error = await makeCaller()
      .call(scope, request([{ provider: 'openai', model: 'gpt-test' }]))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmCallFailedError);
    expect(error).toMatchObject({ code: 'provider_error', status: 424, classified: { errorClass: 'auth' } });
    expect(ledger.rows).toHaveLength(1);
  });

  it('times out a hanging provider, retries, and records each timeout', async () => {
    server.enqueue({ kind: 'hang' }, { kind: 'text', text: 'Awake' });
    const result = await makeCaller({ firstTokenTimeoutMs: 300 }).call(
      scope,
      request([{ provider: 'openai', model: 'gpt-test' }]),
    );
    expect(result.text).toBe('Awake');
    expect(ledger.rows.map((row) => [row.outcome, row.errorClass])).toEqual([
      ['error', 'timeout'],
      ['success', null],
    ]);
  });

  it('stops at once when the user aborts, recording the call as cancelled', async () => {
    server.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const before = server.requests.length;
    const pending = makeCaller().call(scope, request([{ provider: 'anthropic', model: 'claude-test' }], controller.signal));
    // Abort only once the provider holds the request, so the abort has something to cancel.
    await expect.poll(() => server.requests.length, POLL).toBe(before + 1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(ledger.rows.map((row) => [row.outcome, row.errorClass])).toEqual([['cancelled', 'aborted']]);
    expect(server.pendingReplies).toBe(0);
  });

  it('does not retry after text reached the user: a mid-stream failure is final', async () => {
    server.enqueue({ kind: 'stream-then-fail', text: 'Partial answer that breaks' }, { kind: 'text', text: 'never used' });
    const deltas: string[] = [];
    const error = await makeCaller()
      .call(scope, request([{ provider: 'local', model: 'llama-test' }]), { onDelta: (delta) => deltas.push(delta) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmCallFailedError);
    expect(deltas.join('')).not.toBe('');
    expect(ledger.rows).toHaveLength(1);
    expect(server.pendingReplies).toBe(1);
  });
});
