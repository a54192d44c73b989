import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import {
  APICallError,
  generateText,
  jsonSchema,
  stepCountIs,
  streamText,
  tool,
  type LanguageModel,
  type LanguageModelUsage,
} from 'ai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startFakeLlmServer,
  type FakeLlmReply,
  type FakeLlmRoute,
  type FakeLlmServer,
  type FakeLlmUsage,
} from './fake-llm-server.js';

const API_KEY = 'sk-fake-test-key';
const SYSTEM = 'You are a terse assistant.';

/** Everything a provider's adapter may report; each case says what its adapter can see. */
const SCRIPTED_USAGE: FakeLlmUsage = {
  inputTokens: 120,
  outputTokens: 40,
  cachedInputTokens: 30,
  cacheWriteTokens: 10,
  reasoningTokens: 12,
};

interface ProviderCase {
  name: string;
  route: FakeLlmRoute;
  path: string;
  model(server: FakeLlmServer): LanguageModel;
  modelId: string;
  /** The header carrying the key, as the provider's real API expects it. */
  credentials: Record<string, string>;
  /** Where the adapter puts the system prompt in the request body. */
  systemPrompt(body: Record<string, unknown>): unknown;
  /** Tool names the adapter declared to the model. */
  toolNames(body: Record<string, unknown>): unknown[];
  /** `LanguageModelUsage` the adapter should derive from {@link SCRIPTED_USAGE}. */
  usage: Partial<LanguageModelUsage>;
}

const cases: ProviderCase[] = [
  {
    name: 'OpenAI Responses (createOpenAI)',
    route: 'openai-responses',
    path: '/v1/responses',
    modelId: 'gpt-4o-mini',
    model: (server) => createOpenAI({ baseURL: server.baseUrl('openai'), apiKey: API_KEY })('gpt-4o-mini'),
    credentials: { authorization: `Bearer ${API_KEY}` },
    systemPrompt: (body) => (body.input as { role: string; content: unknown }[]).find((m) => m.role === 'system'),
    toolNames: (body) => (body.tools as { name: string }[]).map((t) => t.name),
    usage: {
      inputTokens: 120,
      inputTokenDetails: { noCacheTokens: 80, cacheReadTokens: 30, cacheWriteTokens: 10 },
      outputTokens: 40,
      outputTokenDetails: { textTokens: 28, reasoningTokens: 12 },
      totalTokens: 160,
    },
  },
  {
    name: 'chat completions (createOpenAICompatible)',
    route: 'openai-chat',
    path: '/v1/chat/completions',
    modelId: 'fake-chat-1',
    model: (server) =>
      createOpenAICompatible({ name: 'fake', baseURL: server.baseUrl('compatible'), apiKey: API_KEY, includeUsage: true })(
        'fake-chat-1',
      ),
    credentials: { authorization: `Bearer ${API_KEY}` },
    systemPrompt: (body) => (body.messages as { role: string; content: unknown }[]).find((m) => m.role === 'system'),
    toolNames: (body) => (body.tools as { function: { name: string } }[]).map((t) => t.function.name),
    // The compatible adapter does not read cache writes from chat usage.
    usage: {
      inputTokens: 120,
      inputTokenDetails: { noCacheTokens: 90, cacheReadTokens: 30, cacheWriteTokens: undefined },
      outputTokens: 40,
      outputTokenDetails: { textTokens: 28, reasoningTokens: 12 },
      totalTokens: 160,
    },
  },
  {
    name: 'Anthropic messages (createAnthropic)',
    route: 'anthropic-messages',
    path: '/v1/messages',
    modelId: 'claude-sonnet-4-5',
    model: (server) => createAnthropic({ baseURL: server.baseUrl('anthropic'), apiKey: API_KEY })('claude-sonnet-4-5'),
    credentials: { 'x-api-key': API_KEY },
    systemPrompt: (body) => body.system,
    toolNames: (body) => (body.tools as { name: string }[]).map((t) => t.name),
    usage: {
      inputTokens: 120,
      inputTokenDetails: { noCacheTokens: 80, cacheReadTokens: 30, cacheWriteTokens: 10 },
      outputTokens: 40,
      outputTokenDetails: { textTokens: 28, reasoningTokens: 12 },
      totalTokens: 160,
    },
  },
];

const expectedSystemPrompt: Record<FakeLlmRoute, unknown> = {
  'openai-responses': { role: 'system', content: SYSTEM },
  'openai-chat': { role: 'system', content: SYSTEM },
  'anthropic-messages': [{ type: 'text', text: SYSTEM }],
  models: undefined,
  unknown: undefined,
};

const weatherTool = (seen: unknown[]) =>
  tool({
    description: 'Weather forecast for a city',
    inputSchema: jsonSchema<{ city: string; days: number }>({
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer' } },
      required: ['city', 'days'],
      additionalProperties: false,
    }),
    execute: async (input) => {
      seen.push(input);
      return { forecast: 'sunny-and-warm' };
    },
  });

let server: FakeLlmServer;

beforeEach(async () => {
  server = await startFakeLlmServer();
});

afterEach(async () => {
  await server.close();
});

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe.each(cases)('$name', (provider) => {
  it('streams a text reply as several deltas and reports the scripted usage', async () => {
    server.enqueue({ kind: 'text', text: 'The quick brown fox jumps.', chunks: 4, usage: SCRIPTED_USAGE });

    const result = streamText({ model: provider.model(server), system: SYSTEM, prompt: 'Say it.', maxRetries: 0 });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);

    expect(deltas).toEqual(['The qui', 'ck brow', 'n fox ', 'jumps.']);
    expect(await result.text).toBe('The quick brown fox jumps.');
    expect(await result.usage).toMatchObject(provider.usage);
  });

  it('records the model id, system prompt, stream flag and API key the adapter sent', async () => {
    const result = streamText({ model: provider.model(server), system: SYSTEM, prompt: 'Hi', maxRetries: 0 });
    expect(await result.text).toBe('Hello from fake');

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: provider.path, route: provider.route });
    expect(request?.headers).toMatchObject(provider.credentials);
    expect(request?.body).toMatchObject({ model: provider.modelId, stream: true });
    expect(provider.systemPrompt(request?.body ?? {})).toEqual(expectedSystemPrompt[provider.route]);
  });

  it('answers a non-streamed call with exact text and usage', async () => {
    server.enqueue({ kind: 'text', text: 'Plain answer.', usage: SCRIPTED_USAGE });

    const result = await generateText({ model: provider.model(server), system: SYSTEM, prompt: 'Hi', maxRetries: 0 });

    expect(result.text).toBe('Plain answer.');
    expect(result.usage).toMatchObject(provider.usage);
    expect(server.requests[0]?.body?.stream).not.toBe(true);
  });

  it.each(['streamed', 'non-streamed'] as const)('round-trips a %s tool call', async (mode) => {
    server.enqueue(
      { kind: 'tool-calls', calls: [{ id: 'call_weather_1', name: 'get_weather', arguments: { city: 'Paris', days: 2 } }] },
      { kind: 'text', text: 'Sunny in Paris.' },
    );
    const seen: unknown[] = [];
    const options = {
      model: provider.model(server),
      system: SYSTEM,
      prompt: 'Weather in Paris?',
      tools: { get_weather: weatherTool(seen) },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    };

    const { text, steps } =
      mode === 'streamed'
        ? await (async () => {
            const result = streamText(options);
            return { text: await result.text, steps: await result.steps };
          })()
        : await generateText(options);

    expect(seen).toEqual([{ city: 'Paris', days: 2 }]);
    expect(steps[0]?.toolCalls).toMatchObject([
      { toolCallId: 'call_weather_1', toolName: 'get_weather', input: { city: 'Paris', days: 2 } },
    ]);
    expect(steps[0]?.finishReason).toBe('tool-calls');
    expect(text).toBe('Sunny in Paris.');
    expect(server.requests).toHaveLength(2);
    expect(provider.toolNames(server.requests[0]?.body ?? {})).toEqual(['get_weather']);
    // The second call carries the tool's output back under the model's call id.
    const followUp = JSON.stringify(server.requests[1]?.body);
    expect(followUp).toContain('call_weather_1');
    expect(followUp).toContain('sunny-and-warm');
  });

  it('surfaces a 429 as APICallError with the retry-after header', async () => {
    server.enqueue({ kind: 'error', status: 429, retryAfterSeconds: 7, message: 'Slow down, scripted.' });

    const error = await rejectionOf(generateText({ model: provider.model(server), prompt: 'Hi', maxRetries: 0 }));

    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.statusCode).toBe(429);
    expect(apiError.responseHeaders?.['retry-after']).toBe('7');
    expect(apiError.isRetryable).toBe(true);
    // The adapter only finds the message when the body has the provider's real error shape.
    expect(apiError.message).toBe('Slow down, scripted.');
  });

  it('surfaces a 500 as APICallError', async () => {
    server.enqueue({ kind: 'error', status: 500 });

    const error = await rejectionOf(generateText({ model: provider.model(server), prompt: 'Hi', maxRetries: 0 }));

    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(500);
    expect((error as APICallError).message).toBe('Internal server error (scripted by the fake LLM server).');
  });

  it('lets an abort signal end a request the server never answers', async () => {
    server.enqueue({ kind: 'hang' });

    const error = await rejectionOf(
      generateText({ model: provider.model(server), prompt: 'Hi', maxRetries: 0, abortSignal: AbortSignal.timeout(200) }),
    );

    expect((error as Error).name).toMatch(/^(AbortError|TimeoutError)$/);
    expect(server.requests).toHaveLength(1);
  });

  it('delivers the first part of a stream before the connection dies', async () => {
    server.enqueue({ kind: 'stream-then-fail', text: 'Partial answer that never ends', chunks: 4 });
    const result = streamText({ model: provider.model(server), prompt: 'Hi', maxRetries: 0 });

    const deltas: string[] = [];
    const failure = await rejectionOf(
      (async () => {
        for await (const delta of result.textStream) deltas.push(delta);
      })(),
    );

    expect(deltas).toEqual(['Partial ', 'answer t']);
    // The status was 200: the adapter reports a broken body, caused by the dropped socket.
    expect(APICallError.isInstance(failure)).toBe(true);
    expect((failure as APICallError).statusCode).toBe(200);
    expect(((failure as APICallError).cause as Error).message).toBe('terminated');
  });
});

describe.each(cases)('$name: broken and slow streams', (provider) => {
  /** Every part of a stream, for what the adapter made of the wire (text, finish reason, errors). */
  async function partsOf(reply: FakeLlmReply) {
    server.enqueue(reply);
    const result = streamText({
      model: provider.model(server),
      prompt: 'Hi',
      maxRetries: 0,
      includeRawChunks: true,
      onError: () => undefined,
    });
    const parts: { type: string; [key: string]: unknown }[] = [];
    for await (const part of result.fullStream) parts.push(part as { type: string });
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part['text'] as string] : [])).join('');
    return {
      parts,
      text,
      finish: parts.find((part) => part.type === 'finish'),
      errors: parts.filter((part) => part.type === 'error'),
    };
  }

  it('ends a truncated stream cleanly without its final event: no finish reason from the provider', async () => {
    const { text, finish, errors } = await partsOf({ kind: 'truncated', text: 'Cut short here', chunks: 3, afterChunks: 2 });
    expect(text).toBe('Cut short ');
    // Chat completions reports the missing finish reason as an error; the others end with "other" and no raw reason.
    if (errors.length === 0) expect(finish).toMatchObject({ finishReason: 'other', rawFinishReason: undefined });
    else expect(String((errors[0]?.['error'] as Error).message)).toMatch(/without a finish reason/);
  });

  it('sends an error event inside a started stream, after the scripted text', async () => {
    const { text, errors } = await partsOf({
      kind: 'stream-error',
      errorType: 'overloaded_error',
      message: 'Overloaded',
      text: 'Some words',
      chunks: 2,
      afterChunks: 1,
    });
    expect(text).toBe('Some ');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0]?.['error'])).toContain('Overloaded');
  });

  it('sends a line that is not JSON, then the rest of the answer', async () => {
    const { errors, text } = await partsOf({ kind: 'malformed', text: 'After the noise' });
    expect(errors.length).toBeGreaterThan(0);
    expect(text).toBe('After the noise');
  });

  it('paces a stream with chunkDelayMs and stalls it after stallAfterChunks', async () => {
    const started = Date.now();
    const { text } = await partsOf({ kind: 'text', text: 'one two three', chunks: 3, chunkDelayMs: 100 });
    expect(text).toBe('one two three');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    server.enqueue({ kind: 'text', text: 'stops right here', chunks: 3, stallAfterChunks: 1 });
    const controller = new AbortController();
    const stream = streamText({
      model: provider.model(server),
      prompt: 'Hi',
      maxRetries: 0,
      abortSignal: controller.signal,
      onError: () => undefined,
    }).textStream[Symbol.asyncIterator]();
    expect((await stream.next()).value).toBe('stops ');
    // Nothing more comes: the connection stays open and silent until the client gives up.
    const quiet = new Promise((resolve) => setTimeout(() => resolve('silent'), 300));
    expect(
      await Promise.race([
        stream.next().then(
          () => 'more',
          () => 'ended',
        ),
        quiet,
      ]),
    ).toBe('silent');
    controller.abort();
  });
});

describe('Anthropic 1-hour cache writes', () => {
  it('reports the cache-write split by lifetime in usage.cache_creation', async () => {
    server.enqueue({
      kind: 'text',
      text: 'Hi',
      usage: { inputTokens: 3000, outputTokens: 10, cachedInputTokens: 500, cacheWriteTokens: 1000, cacheWrite1hTokens: 400 },
    });
    const model = createAnthropic({ baseURL: server.baseUrl('anthropic'), apiKey: API_KEY })('claude-sonnet-4-5');
    const result = streamText({ model, prompt: 'Hi', maxRetries: 0, includeRawChunks: true });
    const raw: unknown[] = [];
    for await (const part of result.fullStream) if (part.type === 'raw') raw.push(part.rawValue);
    expect(raw[0]).toMatchObject({
      type: 'message_start',
      message: {
        usage: {
          input_tokens: 1500,
          cache_read_input_tokens: 500,
          cache_creation_input_tokens: 1000,
          cache_creation: { ephemeral_5m_input_tokens: 600, ephemeral_1h_input_tokens: 400 },
        },
      },
    });
    expect(await result.usage).toMatchObject({ inputTokens: 3000, inputTokenDetails: { cacheWriteTokens: 1000 } });
  });
});

describe('fake LLM server', () => {
  it('listens on the loopback address only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseUrl('openai')).toBe(`${server.url}/v1`);
  });

  it('hands queued replies out in order across wire formats, then falls back to the default', async () => {
    server.enqueue({ kind: 'text', text: 'first' }, { kind: 'text', text: 'second' });
    const openai = createOpenAI({ baseURL: server.baseUrl('openai'), apiKey: API_KEY })('gpt-4o-mini');
    const anthropic = createAnthropic({ baseURL: server.baseUrl('anthropic'), apiKey: API_KEY })('claude-sonnet-4-5');

    const answers = [
      (await generateText({ model: anthropic, prompt: 'a', maxRetries: 0 })).text,
      (await generateText({ model: openai, prompt: 'b', maxRetries: 0 })).text,
      (await generateText({ model: anthropic, prompt: 'c', maxRetries: 0 })).text,
    ];

    expect(answers).toEqual(['first', 'second', 'Hello from fake']);
    expect(server.pendingReplies).toBe(0);
  });

  it('also serves openai.chat(...) on chat completions, with usage', async () => {
    server.enqueue({ kind: 'text', text: 'Chat says hi.', usage: SCRIPTED_USAGE });
    const model = createOpenAI({ baseURL: server.baseUrl('openai'), apiKey: API_KEY }).chat('gpt-4o-mini');

    const result = streamText({ model, prompt: 'Hi', maxRetries: 0 });

    expect(await result.text).toBe('Chat says hi.');
    expect(await result.usage).toMatchObject({ inputTokens: 120, inputTokenDetails: { cacheWriteTokens: 10 } });
    expect(server.requests[0]?.path).toBe('/v1/chat/completions');
  });

  it('lists models in the OpenAI or Anthropic shape for a connection test', async () => {
    server = await restartWith({ models: ['alpha', 'beta'] });

    const openai = await fetch(`${server.baseUrl('openai')}/models`, { headers: { authorization: 'Bearer k' } });
    const anthropic = await fetch(`${server.baseUrl('anthropic')}/models`, {
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
    });

    expect(await openai.json()).toMatchObject({ object: 'list', data: [{ id: 'alpha' }, { id: 'beta' }] });
    expect(await anthropic.json()).toMatchObject({
      data: [{ type: 'model', id: 'alpha' }, { id: 'beta' }],
      has_more: false,
    });
  });

  it('fails a connection test with a scripted 401 in the caller dialect', async () => {
    server.enqueue({ kind: 'error', status: 401 });

    const response = await fetch(`${server.baseUrl('anthropic')}/models`, { headers: { 'anthropic-version': '2023-06-01' } });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('answers unknown routes with 404 without consuming a reply', async () => {
    server.enqueue({ kind: 'text', text: 'kept' });

    const response = await fetch(`${server.url}/v1/embeddings`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(404);
    expect(server.pendingReplies).toBe(1);
    expect(server.requests[0]?.route).toBe('unknown');
  });

  it('waits delayMs before answering', async () => {
    server.enqueue({ kind: 'text', text: 'late', delayMs: 80 });
    const startedAt = performance.now();

    await fetch(`${server.baseUrl('openai')}/responses`, { method: 'POST', body: '{"model":"m","input":[]}' });

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(75);
  });

  it('close() ends requests that are still hanging', async () => {
    server.enqueue({ kind: 'hang' });
    const pending = fetch(`${server.baseUrl('openai')}/responses`, { method: 'POST', body: '{"model":"m"}' });
    await until(() => server.requests.length === 1);

    await server.close();

    await expect(pending).rejects.toThrow();
  });
});

async function restartWith(options: Parameters<typeof startFakeLlmServer>[0]): Promise<FakeLlmServer> {
  await server.close();
  return startFakeLlmServer(options);
}

/** Polls a condition that another party will make true shortly (here: the server seeing a request). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
