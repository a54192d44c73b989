import { schema } from '@agent-fleet/db';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fleetTaskClient, type RoutingBody } from '../modules/fleets/fleet-tasks.test-support.js';
import { waitForRunStatus } from '../modules/runs/run-polling.test-support.js';
import { createMockAgent, parseSse, createTestApp, type SignedIn, type TestApp } from '../test-support.js';
import { cardUrlOf, closeRemotes, startRemote } from './loopback-remote.test-support.js';

/**
 * Agents of kind `a2a` against a loopback remote built from the SDK's server pieces. The guarded fetch
 * allows 127.0.0.1 only; every other address is refused before any traffic.
 */
let t: TestApp;
let owner: SignedIn;
beforeEach(async () => {
  t = await createTestApp({ env: { LLM_MAX_ATTEMPTS: 1, OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' } });
  owner = await t.signupOwner();
});
afterEach(async () => {
  await t.close();
  await closeRemotes();
});

const SECRET = 'remote-secret-4711';

const createRemoteAgent = (name: string, remote: Record<string, unknown>) =>
  owner.client.post('/api/v1/agents').send({ name, kind: 'a2a', remote });

async function chat(agentId: string, content: string) {
  const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId })).body as { id: string };
  const res = await owner.client
    .post(`/api/v1/conversations/${conversation.id}/messages`)
    .set('Accept', 'text/event-stream')
    .send({ content });
  expect(res.status, res.text).toBe(200);
  return parseSse(res.text);
}

const storedSecret = async (agentId: string) => {
  const [row] = await t.database.db
    .select({ sealed: schema.agents.remoteSecretCiphertext })
    .from(schema.agents)
    .where(eq(schema.agents.id, agentId));
  return row?.sealed ?? null;
};

describe('an a2a agent', () => {
  it('keeps its credential secret encrypted and write-only; another card origin drops it', async () => {
    const remote = await startRemote();
    const created = await createRemoteAgent('Remote', {
      cardUrl: cardUrlOf(remote),
      credential: { type: 'apiKey', headerName: 'X-Remote-Key', secret: SECRET },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'a2a',
      model: { provider: 'a2a' },
      tools: [],
      remote: {
        cardUrl: cardUrlOf(remote),
        credential: { type: 'apiKey', headerName: 'X-Remote-Key', stored: true },
        health: null,
      },
    });
    const id = created.body.id as string;
    const read = await owner.client.get(`/api/v1/agents/${id}`);
    const list = await owner.client.get('/api/v1/agents');
    for (const text of [created.text, read.text, list.text]) expect(text).not.toContain(SECRET);
    const sealed = await storedSecret(id);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(SECRET);

    // Same origin, no secret given: kept. Another origin without one: dropped.
    const samePath = await owner.client.patch(`/api/v1/agents/${id}`).send({
      remote: { cardUrl: `${remote.origin}/other/card.json`, credential: { type: 'apiKey', headerName: 'X-Remote-Key' } },
    });
    expect(samePath.status, samePath.text).toBe(200);
    expect(samePath.body.remote.credential.stored).toBe(true);
    expect(await storedSecret(id)).toBe(sealed);
    const moved = await owner.client
      .patch(`/api/v1/agents/${id}`)
      .send({ remote: { cardUrl: 'https://elsewhere.example/card.json', credential: { type: 'apiKey' } } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.remote.credential).toEqual({ type: 'apiKey', headerName: null, stored: false });
    expect(await storedSecret(id)).toBeNull();
    expect(JSON.stringify(t.logs)).not.toContain(SECRET);
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'A', kind: 'a2a' }, 'remote'],
      [{ name: 'A' }, 'model'],
      [{ name: 'A', kind: 'a2a', remote: { cardUrl: 'ftp://example.com/card' } }, 'remote.cardUrl'],
      [{ name: 'A', model: { provider: 'mock', model: 'echo' }, remote: { cardUrl: 'https://example.com/card' } }, 'remote'],
      [
        {
          name: 'A',
          kind: 'a2a',
          remote: { cardUrl: 'https://example.com/card', credential: { type: 'bearer', headerName: 'X-K' } },
        },
        'remote.credential.headerName',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await owner.client.post('/api/v1/agents').send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body.errors as { path: string }[]).map((error) => error.path)).toContain(path);
    }
    expect((await owner.client.get('/api/v1/agents')).body.total).toBe(0);

    const agent = await createRemoteAgent('Remote', { cardUrl: 'https://example.com/card' });
    const kind = await owner.client.patch(`/api/v1/agents/${agent.body.id}`).send({ kind: 'model' });
    expect(kind.status).toBe(400);
    expect(kind.body.errors[0].path).toBe('kind');
  });

  it('runs a direct task on the remote: the input is the message, the answer the reply, the credential sent', async () => {
    const remote = await startRemote();
    const agent = await createRemoteAgent('Remote', {
      cardUrl: cardUrlOf(remote),
      credential: { type: 'bearer', secret: SECRET },
    });
    const events = await chat(agent.body.id, 'hello over there');
    expect(events.at(-1)).toMatchObject({ type: 'turn.completed', message: { content: 'echo: hello over there' } });
    expect(remote.seen.length).toBeGreaterThan(0);
    expect(remote.seen.every((seen) => seen.authorization === `Bearer ${SECRET}`)).toBe(true);
    const tasks = await owner.client.get(`/api/v1/agents/${agent.body.id}/tasks`);
    expect(tasks.body.items[0]).toMatchObject({ kind: 'conversation_turn', status: 'succeeded', llmCalls: 0 });
  });

  it('answers another agent that asks it as a tool (agent:<id>)', async () => {
    const remote = await startRemote();
    const agent = await createRemoteAgent('Remote', { cardUrl: cardUrlOf(remote) });
    const lead = await createMockAgent(owner, 'Lead', 'echo', { tools: [`agent:${agent.body.id}`] });
    const events = await chat(lead.id, 'Please ask the remote about tides');
    const result = events.find((event) => event.type === 'tool.result');
    expect(result).toMatchObject({ isError: false, output: 'echo: Please ask the remote about tides' });
    const tasks = await owner.client.get(`/api/v1/agents/${agent.body.id}/tasks`);
    expect(tasks.body.items).toEqual([expect.objectContaining({ kind: 'agent_tool_call', status: 'succeeded' })]);
  });

  it('runs a pipeline agent step on the remote', async () => {
    const remote = await startRemote();
    expect((await createRemoteAgent('partner', { cardUrl: cardUrlOf(remote) })).status).toBe(201);
    const source = `inputs:
  topic: { type: string, required: true }
outputs:
  reply: \${{ steps.ask.output }}
steps:
  ask: { type: agent, agent: partner, task: 'Write about \${{ input.topic }}' }
`;
    const created = await owner.client.post('/api/v1/pipelines').send({ name: 'remote-step', format: 'yaml', source });
    expect(created.status, created.text).toBe(201);
    const started = await owner.client.post('/api/v1/runs').send({ pipeline: 'remote-step', input: { topic: 'owls' } });
    expect(started.status, started.text).toBe(201);
    const run = await waitForRunStatus(owner.client, started.body.id);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.outputs.reply).toBe('echo: Write about owls');
  });

  it('fails a task whose remote address the SSRF rules refuse, not retryable, with nothing sent', async () => {
    const agent = await createRemoteAgent('Refused', { cardUrl: 'http://127.0.0.2:9/.well-known/agent-card.json' });
    const events = await chat(agent.body.id, 'hello');
    expect(events.at(-1)).toMatchObject({ type: 'turn.failed', error: { code: 'outbound_refused' } });
  });

  it('serves as a fleet member: the fleet task runs on the remote', async () => {
    const remote = await startRemote();
    const api = fleetTaskClient(owner);
    const fleetId = await api.fleet();
    const agent = await createRemoteAgent('Remote member', { cardUrl: cardUrlOf(remote) });
    expect((await owner.client.post(`/api/v1/fleets/${fleetId}/members`).send({ agentId: agent.body.id })).status).toBe(201);
    const submitted = await api.submit(fleetId, { input: 'fleet work' });
    expect(submitted.status, submitted.text).toBe(201);
    const done = await api.waitFor(fleetId, submitted.body.id);
    expect(done).toMatchObject({ status: 'succeeded', agentIds: [agent.body.id], output: 'echo: fleet work' });
    // Metered as a task (counted, timed, in utilisation), not as model calls: no ledger row, no tokens, no cost.
    expect(done).toMatchObject({ llmCalls: 0, costUsd: 0, usage: { inputTokens: 0, outputTokens: 0 } });
    for (const path of [`/api/v1/fleets/${fleetId}/metrics`, `/api/v1/agents/${agent.body.id}/metrics`]) {
      const metrics = await owner.client.get(path);
      expect(metrics.status, metrics.text).toBe(200);
      expect(metrics.body.totals.tasks).toMatchObject({ succeeded: 1, failed: 0 });
      expect(metrics.body.totals.latencyMs.p50).toBeGreaterThanOrEqual(0);
      expect(metrics.body.totals.usage).toMatchObject({ calls: 0, inputTokens: 0, costUsd: 0 });
    }
  });

  it('goes offline when its remote is down, and the fleet places new work on another member', async () => {
    const remote = await startRemote();
    const api = fleetTaskClient(owner);
    const fleetId = await api.fleet({ strategy: { type: 'least_loaded' } });
    const agent = await createRemoteAgent('Remote member', { cardUrl: cardUrlOf(remote) });
    expect((await owner.client.post(`/api/v1/fleets/${fleetId}/members`).send({ agentId: agent.body.id })).status).toBe(201);
    const local = await api.member(fleetId, 'Local');
    expect((await owner.client.get(`/api/v1/agents/${agent.body.id}`)).body.observedState).toBe('idle');

    await remote.close();
    // A task failing as unreachable checks the card at once, which records the agent offline.
    const events = await chat(agent.body.id, 'anyone there?');
    expect(events.at(-1)).toMatchObject({ type: 'turn.failed', error: { code: 'provider_error' } });
    const offline = await owner.client.get(`/api/v1/agents/${agent.body.id}`);
    expect(offline.body).toMatchObject({ observedState: 'offline', remote: { health: { state: 'offline' } } });
    expect((await owner.client.get('/api/v1/agents?observedState=offline')).body.items.map((a: { id: string }) => a.id)).toEqual([
      agent.body.id,
    ]);

    for (let i = 0; i < 3; i += 1) {
      const submitted = await api.submit(fleetId, { input: `work ${i}` });
      const done = await api.waitFor(fleetId, submitted.body.id);
      expect(done).toMatchObject({ status: 'succeeded', agentIds: [local] });
      const routing = (done.routing ?? [])[0] as RoutingBody;
      expect(routing.candidates.find((candidate) => candidate.agentId === agent.body.id)).toMatchObject({
        eligible: false,
        excluded: ['offline'],
      });
    }
  });
});
