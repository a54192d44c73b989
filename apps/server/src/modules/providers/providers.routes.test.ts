import { schema } from '@agent-fleet/db';
import { startFakeLlmServer, type FakeLlmServer } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, parseSse, type SignedIn, type TestApp } from '../../test-support.js';

let server: FakeLlmServer;
let t: TestApp;
let owner: SignedIn;
const KEY = 'sk-test-secret-value-9876';

beforeAll(async () => {
  server = await startFakeLlmServer({ models: ['gpt-4o-mini', 'gpt-4.1'] });
  // The fake provider lives on loopback, which outbound requests may reach only when allowed.
  t = await createTestApp({ env: { OUTBOUND_ALLOWED_HOSTS: new URL(server.url).host, LLM_MAX_ATTEMPTS: 1 } });
  owner = await t.signupOwner();
}, 60_000);
afterAll(async () => {
  await t.close();
  await server.close();
});

describe('providers', () => {
  it('lists the built-in mock provider on a fresh install', async () => {
    const res = await owner.client.get('/api/v1/providers');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: 'mock', kind: 'mock', source: 'builtin', ready: true, hasApiKey: false }),
    ]);
  });

  it('stores a workspace API key encrypted, never returns it, and shows only its last 4 characters', async () => {
    const res = await owner.client
      .put('/api/v1/providers/openai')
      .send({ kind: 'openai', baseUrl: server.baseUrl('openai'), apiKey: KEY });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'openai', hasApiKey: true, apiKeyHint: '9876', source: 'workspace', ready: true });
    expect(JSON.stringify(res.body)).not.toContain(KEY);
    expect(JSON.stringify((await owner.client.get('/api/v1/providers')).body)).not.toContain(KEY);

    const rows = await t.database.db.select().from(schema.providerSettings);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(KEY);
    expect(rows[0]?.apiKeyCiphertext).toMatch(/^v1\./);

    // Keeping the key while changing the URL, then removing it.
    const kept = await owner.client.put('/api/v1/providers/openai').send({ kind: 'openai', baseUrl: server.baseUrl('openai') });
    expect(kept.body.hasApiKey).toBe(true);
    const audit = (await owner.client.get('/api/v1/audit-events?action=provider.updated')).body.items;
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain(KEY);
  });

  it('tests the connection with the stored key', async () => {
    const res = await owner.client.post('/api/v1/providers/openai/test');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, models: ['gpt-4o-mini', 'gpt-4.1'], error: null });
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);

    server.enqueue({ kind: 'error', status: 401 });
    const failed = (await owner.client.post('/api/v1/providers/openai/test')).body;
    expect(failed).toMatchObject({ ok: false, error: { code: 'http_401' } });
  });

  it('chats through the real OpenAI adapter and prices the call from the catalogue, cached and reasoning tokens included', async () => {
    const agent = (
      await owner.client.post('/api/v1/agents').send({ name: 'Real one', model: { provider: 'openai', model: 'gpt-4o-mini' } })
    ).body;
    const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId: agent.id })).body;
    server.enqueue({
      kind: 'text',
      text: 'Hello from the provider',
      usage: { inputTokens: 2000, outputTokens: 500, cachedInputTokens: 1000, reasoningTokens: 200 },
    });
    const res = await owner.client
      .post(`/api/v1/conversations/${conversation.id}/messages`)
      .set('Accept', 'text/event-stream')
      .send({ content: 'Hi' });
    const events = parseSse(res.text);
    const completed = events.at(-1) as unknown as { type: string; message: { content: string; mock: boolean; costUsd: number } };
    expect(completed.type).toBe('turn.completed');
    expect(completed.message).toMatchObject({ content: 'Hello from the provider', mock: false });
    // gpt-4o-mini: $0.15 input, $0.075 cached input, $0.6 output and reasoning, per million tokens.
    const expected = (1000 * 0.15 + 1000 * 0.075 + 300 * 0.6 + 200 * 0.6) / 1e6;
    expect(completed.message.costUsd).toBeCloseTo(expected, 12);
    const sent = server.requests.at(-1);
    expect(sent).toMatchObject({ route: 'openai-responses', body: { model: 'gpt-4o-mini', stream: true } });
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('overrides and resets a model price for the workspace', async () => {
    const prices = { input: 1, output: 2, cachedInput: 0.5, cacheWrite: 1, reasoning: 4 };
    const set = await owner.client.put('/api/v1/model-prices').send({ provider: 'openai', model: 'gpt-4o-mini', prices });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ source: 'override', prices, contextWindow: 128000 });
    const listed = (await owner.client.get('/api/v1/models?provider=openai')).body.items;
    expect(listed.find((model: { model: string }) => model.model === 'gpt-4o-mini').prices).toEqual(prices);
    expect((await owner.client.delete('/api/v1/model-prices?provider=openai&model=gpt-4o-mini')).status).toBe(204);
    expect((await owner.client.delete('/api/v1/model-prices?provider=openai&model=gpt-4o-mini')).status).toBe(404);
    const bad = await owner.client.put('/api/v1/model-prices').send({ provider: 'openai', model: 'x', prices: { input: -1 } });
    expect(bad.status).toBe(400);
  });

  it('validates provider settings and changes nothing on bad input', async () => {
    const noUrl = await owner.client.put('/api/v1/providers/ollama').send({ kind: 'openai-compatible' });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.errors[0].path).toBe('baseUrl');
    const wrongKind = await owner.client.put('/api/v1/providers/openai').send({ kind: 'anthropic', apiKey: 'x' });
    expect(wrongKind.status).toBe(400);
    expect(
      (await owner.client.put('/api/v1/providers/mock').send({ kind: 'openai-compatible', baseUrl: 'http://x.test' })).status,
    ).toBe(400);
    expect(
      (await owner.client.put('/api/v1/providers/Bad_ID').send({ kind: 'openai-compatible', baseUrl: 'http://x.test' })).status,
    ).toBe(404);
    const ids = (await owner.client.get('/api/v1/providers')).body.items.map((provider: { id: string }) => provider.id);
    expect(ids).toEqual(['mock', 'openai']);
  });

  it('lets only settings managers change providers', async () => {
    const editor = await t.addUser(owner, 'editor');
    expect((await editor.client.get('/api/v1/providers')).status).toBe(200);
    expect((await editor.client.put('/api/v1/providers/anthropic').send({ kind: 'anthropic', apiKey: 'k' })).status).toBe(403);
    expect((await editor.client.post('/api/v1/providers/openai/test')).status).toBe(403);
  });
});

describe('a stored key stays with its origin', () => {
  let elsewhere: FakeLlmServer;
  let app: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    elsewhere = await startFakeLlmServer({ models: ['elsewhere-model'] });
    app = await createTestApp({
      env: { OUTBOUND_ALLOWED_HOSTS: [server.url, elsewhere.url].map((url) => new URL(url).host).join(',') },
    });
    admin = await app.signupOwner();
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await elsewhere.close();
  });

  it('refuses to move a stored key to another origin: 400 api_key_required, nothing changed, nothing sent', async () => {
    const stored = await admin.client
      .put('/api/v1/providers/openai')
      .send({ kind: 'openai', baseUrl: server.baseUrl('openai'), apiKey: KEY });
    expect(stored.status).toBe(200);
    const before = elsewhere.requests.length;

    for (const baseUrl of [elsewhere.baseUrl('openai'), 'http://attacker.example/v1', null]) {
      const moved = await admin.client.put('/api/v1/providers/openai').send({ kind: 'openai', baseUrl });
      expect(moved.status, String(baseUrl)).toBe(400);
      expect(moved.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'apiKey', code: 'api_key_required' }] });
    }
    const [provider] = (await admin.client.get('/api/v1/providers')).body.items.filter(
      (item: { id: string }) => item.id === 'openai',
    );
    expect(provider).toMatchObject({ baseUrl: server.baseUrl('openai'), hasApiKey: true });
    expect((await admin.client.post('/api/v1/providers/openai/test')).body).toMatchObject({ ok: true });
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(elsewhere.requests.length).toBe(before);
  });

  it('keeps the key on the same origin, and moves with a new key or without one', async () => {
    await admin.client.put('/api/v1/providers/openai').send({ kind: 'openai', baseUrl: server.baseUrl('openai'), apiKey: KEY });
    const samePath = await admin.client
      .put('/api/v1/providers/openai')
      .send({ kind: 'openai', baseUrl: `${server.url}/other/v1` });
    expect(samePath.body).toMatchObject({ hasApiKey: true, apiKeyHint: '9876' });

    const withNewKey = await admin.client
      .put('/api/v1/providers/openai')
      .send({ kind: 'openai', baseUrl: elsewhere.baseUrl('openai'), apiKey: 'sk-elsewhere-1111' });
    expect(withNewKey.body).toMatchObject({ hasApiKey: true, apiKeyHint: '1111' });
    expect((await admin.client.post('/api/v1/providers/openai/test')).body).toMatchObject({ ok: true });
    expect(elsewhere.requests.at(-1)?.headers.authorization).toBe('Bearer sk-elsewhere-1111');

    const removed = await admin.client
      .put('/api/v1/providers/openai')
      .send({ kind: 'openai', baseUrl: server.baseUrl('openai'), apiKey: null });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ hasApiKey: false, baseUrl: server.baseUrl('openai') });
  });

  it('never sends an environment key to a base URL a workspace sets', async () => {
    const ENV_KEY = 'sk-environment-secret-5555';
    const withEnvKey = await createTestApp({
      env: {
        OPENAI_API_KEY: ENV_KEY,
        OPENAI_BASE_URL: server.baseUrl('openai'),
        OUTBOUND_ALLOWED_HOSTS: [server.url, elsewhere.url].map((url) => new URL(url).host).join(','),
      },
    });
    try {
      const owner2 = await withEnvKey.signupOwner();
      expect((await owner2.client.post('/api/v1/providers/openai/test')).body).toMatchObject({ ok: true });
      expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${ENV_KEY}`);

      const moved = await owner2.client
        .put('/api/v1/providers/openai')
        .send({ kind: 'openai', baseUrl: elsewhere.baseUrl('openai') });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ source: 'workspace', hasApiKey: false, ready: false });
      const before = elsewhere.requests.length;
      const tested = (await owner2.client.post('/api/v1/providers/openai/test')).body;
      expect(tested).toMatchObject({ ok: false, error: { code: 'provider_not_configured' } });
      expect(elsewhere.requests.slice(before)).toHaveLength(0);
      expect(JSON.stringify(elsewhere.requests)).not.toContain(ENV_KEY);
    } finally {
      await withEnvKey.close();
    }
  }, 60_000);
});

describe('outbound requests', () => {
  it('refuses provider URLs on private or loopback addresses unless allowed', async () => {
    const strict = await createTestApp();
    try {
      const admin = await strict.signupOwner();
      await admin.client
        .put('/api/v1/providers/local')
        .send({ kind: 'openai-compatible', baseUrl: server.baseUrl('compatible') });
      const before = server.requests.length;
      const test = (await admin.client.post('/api/v1/providers/local/test')).body;
      expect(test).toMatchObject({ ok: false, error: { code: 'outbound_refused' } });

      const agent = (
        await admin.client.post('/api/v1/agents').send({ name: 'Local', model: { provider: 'local', model: 'llama' } })
      ).body;
      const conversation = (await admin.client.post('/api/v1/conversations').send({ agentId: agent.id })).body;
      const res = await admin.client
        .post(`/api/v1/conversations/${conversation.id}/messages`)
        .set('Accept', 'text/event-stream')
        .send({ content: 'Hi' });
      expect(parseSse(res.text).at(-1)).toMatchObject({ type: 'turn.failed', error: { code: 'outbound_refused' } });
      expect(server.requests.length).toBe(before);
    } finally {
      await strict.close();
    }
  }, 60_000);
});
