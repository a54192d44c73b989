import { generateText, jsonSchema, Output, streamText, tool, type JSONSchema7 } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { createMockModel } from './mock-model.js';
import { parseMockOptions } from './mock-options.js';

describe('the mock provider', () => {
  it('answers deterministically from the prompt, streaming word by word, with estimated usage', async () => {
    const ask = () => streamText({ model: createMockModel('echo'), prompt: 'Hello there, agent' });
    const first = ask();
    const deltas: string[] = [];
    for await (const delta of first.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(3);
    const text = deltas.join('');
    expect(text).toMatch(/^Mock reply to "Hello there, agent" \([0-9a-f]{8}\)\.$/);
    expect(await ask().text).toBe(text);
    expect((await generateText({ model: createMockModel('echo'), prompt: 'Something else' })).text).not.toBe(text);
    const usage = await first.totalUsage;
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(0);
  });

  it('reports the token counts its model id asks for, cached and reasoning included', async () => {
    const { usage } = await generateText({
      model: createMockModel(
        'echo?inputTokens=1000&outputTokens=200&cachedInputTokens=600&cacheWriteTokens=100&reasoningTokens=50',
      ),
      prompt: 'x',
    });
    expect(usage).toMatchObject({
      inputTokens: 1000,
      outputTokens: 200,
      inputTokenDetails: { cacheReadTokens: 600, cacheWriteTokens: 100, noCacheTokens: 300 },
      outputTokenDetails: { reasoningTokens: 50, textTokens: 150 },
    });
  });

  it('fails the first N calls of a model id with 429 and Retry-After, then answers', async () => {
    const id = `echo?fail=429&failTimes=1&seed=${Math.random()}`;
    const failed = await generateText({ model: createMockModel(id), prompt: 'x', maxRetries: 0 }).catch(
      (error: unknown) => error,
    );
    expect(failed).toMatchObject({ statusCode: 429, responseHeaders: { 'retry-after': '1' } });
    expect((await generateText({ model: createMockModel(id), prompt: 'x', maxRetries: 0 })).text).toContain('Mock reply');
  });

  it('hangs on fail=timeout until aborted', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      let settled = false;
      const pending = generateText({
        model: createMockModel('echo?fail=timeout'),
        prompt: 'x',
        maxRetries: 0,
        abortSignal: controller.signal,
      }).finally(() => {
        settled = true;
      });
      // A day of (fake) time passes: a call that failed, or answered, would have settled by now.
      await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
      expect(settled).toBe(false);
      controller.abort(new DOMException('Stopped by the test', 'AbortError'));
      await expect(pending).rejects.toMatchObject({ name: 'AbortError', message: 'Stopped by the test' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('calls a tool when asked to "ask" someone, then summarises the answer', async () => {
    const tools = {
      ask_researcher: tool({
        description: 'researcher: finds facts',
        inputSchema: jsonSchema<{ question: string }>({ type: 'object', properties: { question: { type: 'string' } } }),
      }),
    };
    const first = await generateText({ model: createMockModel('echo'), prompt: 'Please ask the researcher about tides', tools });
    expect(first.toolCalls).toEqual([
      expect.objectContaining({ toolName: 'ask_researcher', input: { question: 'Please ask the researcher about tides' } }),
    ]);
    const plain = await generateText({ model: createMockModel('echo'), prompt: 'Tell me about tides', tools });
    expect(plain.toolCalls).toEqual([]);
  });

  it('answers JSON matching the requested schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        score: { type: 'integer', minimum: 3 },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
      },
      required: ['title', 'score'],
    } satisfies JSONSchema7;
    const { text } = await generateText({
      model: createMockModel('echo'),
      prompt: 'x',
      output: Output.object({ schema: jsonSchema(schema) }),
    });
    expect(JSON.parse(text)).toEqual({ title: expect.stringMatching(/^mock /), score: 3, tags: ['a'] });
  });

  it('ignores malformed options instead of failing', () => {
    expect(parseMockOptions('echo?latencyMs=abc&fail=418&tools=sometimes&inputTokens=-4')).toMatchObject({
      latencyMs: 0,
      fail: null,
      tools: 'auto',
      inputTokens: 0,
    });
  });
});
