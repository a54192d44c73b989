import { DEFAULT_WORKSPACE_ID } from '@agent-fleet/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockAgent, createTestApp, parseSse, type SignedIn, type TestApp } from '../../test-support.js';

let t: TestApp;
let owner: SignedIn;

beforeAll(async () => {
  // One try per model: fallbacks happen at once (retry timing is covered in core's LlmCaller tests).
  t = await createTestApp({ env: { LLM_MAX_ATTEMPTS: 1 } });
  owner = await t.signupOwner();
}, 60_000);
afterAll(() => t.close());

type Body = Record<string, unknown>;

const createAgent = (name: string, model?: string, extra?: Record<string, unknown>) => createMockAgent(owner, name, model, extra);

async function chat(agentId: string, content: string, extra: Body = {}) {
  const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId })).body as { id: string };
  const res = await owner.client
    .post(`/api/v1/conversations/${conversation.id}/messages`)
    .set('Accept', 'text/event-stream')
    .send({ content, ...extra });
  const calls = (await owner.client.get(`/api/v1/usage/calls?conversationId=${conversation.id}&limit=100`)).body.items as Body[];
  return { res, events: res.status === 200 ? parseSse(res.text) : [], calls: calls.reverse(), conversationId: conversation.id };
}

describe('the agent loop', () => {
  it('asks another agent as a tool and answers with what it said', async () => {
    const researcher = await createAgent('Researcher', 'echo', { description: 'finds facts', role: 'research' });
    const lead = await createAgent('Lead', 'echo', { tools: [`agent:${researcher.id}`] });
    const { events, calls } = await chat(lead.id, 'Please ask the researcher about tides');
    const types = events.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['tool.call', 'tool.result', 'turn.completed']));
    const call = events.find((event) => event.type === 'tool.call');
    expect(call).toMatchObject({ name: 'ask_researcher', input: { question: 'Please ask the researcher about tides' } });
    const result = events.find((event) => event.type === 'tool.result');
    expect(result?.['output']).toMatch(/^Mock reply to "Please ask the researcher about tides"/);
    const completed = events.at(-1) as unknown as { message: { content: string; toolCalls: Body[]; costUsd: number } };
    expect(completed.message.content).toContain('Mock summary');
    expect(completed.message.toolCalls).toEqual([expect.objectContaining({ name: 'ask_researcher', isError: false })]);
    // Lead → tool call, Researcher answers, Lead summarises: three calls, the turn's cost is all of them.
    expect(calls.map((row) => row['agentId'])).toEqual([lead.id, researcher.id, lead.id]);
    const total = calls.reduce((sum, row) => sum + (row['costUsd'] as number), 0);
    expect(completed.message.costUsd).toBeCloseTo(total, 10);
    const researcherTasks = (await owner.client.get(`/api/v1/agents/${researcher.id}/tasks`)).body.items;
    expect(researcherTasks).toEqual([
      expect.objectContaining({ kind: 'agent_tool_call', status: 'succeeded', parentTaskId: expect.any(String) }),
    ]);
  });

  it('refuses tools that are not agents of the workspace, or the agent itself', async () => {
    const solo = await createAgent('Solo', 'echo');
    const bad = await owner.client
      .patch(`/api/v1/agents/${solo.id}`)
      .send({ tools: [`agent:${solo.id}`, 'agent:00000000-0000-4000-8000-00000000beef', 'web_search'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: Body) => [error['path'], error['code']])).toEqual([
      ['tools.0', 'self_tool'],
      ['tools.1', 'unknown_tool'],
      ['tools.2', 'unknown_tool'],
    ]);
    expect((await owner.client.get(`/api/v1/agents/${solo.id}`)).body.tools).toEqual([]);
  });

  it('stops at the budget during the loop, overshooting by at most one call', async () => {
    const helper = await createAgent('Budget helper', 'echo');
    const spender = await createAgent('Spender', 'echo?tools=always&inputTokens=1000&outputTokens=1000', {
      tools: [`agent:${helper.id}`],
      limits: { maxIterations: 10, maxCostPerTaskUsd: 0.001 },
    });
    const { events, calls } = await chat(spender.id, 'Spend');
    // echo costs $1 + $2 per million: the first call spends $0.003, past the $0.001 cap; nothing more runs.
    expect(calls).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'turn.failed', error: { code: 'budget_exceeded' }, task: { status: 'failed' } });
    expect((events.at(-1) as Body)['error']).toMatchObject({ message: expect.stringContaining('$0.001') });
    // One failed task is no error streak: the observed state is derived from the agent's recent tasks.
    expect((await owner.client.get(`/api/v1/agents/${spender.id}`)).body.observedState).toBe('idle');
  });

  it('stops after max iterations without a final answer', async () => {
    const echo = await createAgent('Loop helper', 'echo');
    const looper = await createAgent('Looper', 'echo?tools=always', {
      tools: [`agent:${echo.id}`],
      limits: { maxIterations: 2, maxCostPerTaskUsd: null },
    });
    const { events, calls } = await chat(looper.id, 'Go round');
    expect(events.at(-1)).toMatchObject({ type: 'turn.failed', error: { code: 'max_iterations' } });
    expect(calls.filter((row) => row['agentId'] === looper.id)).toHaveLength(2);
    // The partial reply (its tool calls) is kept on the failed message.
    expect((events.at(-1) as unknown as { message: { status: string; toolCalls: unknown[] } }).message).toMatchObject({
      status: 'failed',
    });
  });

  it('falls back to the next model when the first fails, and the ledger shows both', async () => {
    const agent = await createAgent('Fallbacker', 'echo?fail=500', {
      model: { provider: 'mock', model: 'echo?fail=500', fallbacks: [{ provider: 'mock', model: 'free' }] },
    });
    const { events, calls } = await chat(agent.id, 'Anyone there?');
    expect(events.at(-1)).toMatchObject({ type: 'turn.completed', message: { model: 'free' } });
    expect(calls.map((row) => [row['model'], row['outcome'], row['errorClass'], row['fallback']])).toEqual([
      ['echo?fail=500', 'error', 'server_error', false],
      ['free', 'success', null, true],
    ]);
  });

  it('reports a provider failure clearly when every model fails', async () => {
    const agent = await createAgent('Doomed', 'echo?fail=500');
    const { events, calls } = await chat(agent.id, 'Hello');
    expect(events.at(-1)).toMatchObject({ type: 'turn.failed', error: { code: 'provider_error' }, message: null });
    expect(calls).toHaveLength(1);
  });

  it('returns structured output matching the schema, repairing one bad reply', async () => {
    const schema = {
      type: 'object',
      properties: { answer: { type: 'string' }, confidence: { type: 'number', minimum: 0 } },
      required: ['answer', 'confidence'],
    };
    const agent = await createAgent('Structured', 'echo?json=invalid-once');
    const { events, calls, conversationId } = await chat(agent.id, 'Rate this', { responseFormat: { type: 'json', schema } });
    const completed = events.at(-1) as unknown as { type: string; message: { content: string } };
    expect(completed.type).toBe('turn.completed');
    expect(JSON.parse(completed.message.content)).toEqual({ answer: expect.any(String), confidence: 0 });
    expect(calls).toHaveLength(2);
    // The repair request repeats the schema the reply must match.
    const transcript = await t.blobs.get(DEFAULT_WORKSPACE_ID, `conversations/${conversationId}/transcript.json`);
    const { messages } = JSON.parse(Buffer.from(transcript ?? new Uint8Array()).toString('utf8')) as {
      messages: { role: string; content: unknown }[];
    };
    const repair = messages.find((message) => message.role === 'user' && String(message.content).includes('corrected JSON'));
    expect(String(repair?.content)).toContain(JSON.stringify(schema));

    const strict = await createAgent('Always wrong', 'echo?reply=not%20json');
    const failed = await chat(strict.id, 'Rate this', { responseFormat: { type: 'json', schema } });
    expect(failed.events.at(-1)).toMatchObject({ type: 'turn.failed', error: { code: 'schema_mismatch' } });
    expect(failed.calls).toHaveLength(2);
  });

  it('rejects a response schema that is not JSON Schema before anything runs', async () => {
    const agent = await createAgent('Schema checker', 'echo');
    const { res, calls } = await chat(agent.id, 'x', { responseFormat: { type: 'json', schema: { type: 'no-such-type' } } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('responseFormat.schema');
    expect(calls).toHaveLength(0);
  });

  it('renders a template system prompt with the conversation variables and records the prompt version', async () => {
    await owner.client.post('/api/v1/prompts').send({
      name: 'persona',
      source: { type: 'text', body: 'You help {{ customer }}.' },
      variables: [{ name: 'customer', type: 'string', required: true }],
    });
    const agent = await createAgent('Templated', 'echo', { systemPrompt: { type: 'template', ref: 'persona@latest' } });
    const conversation = (
      await owner.client.post('/api/v1/conversations').send({ agentId: agent.id, variables: { customer: 'ACME' } })
    ).body;
    const res = await owner.client.post(`/api/v1/conversations/${conversation.id}/messages`).send({ content: 'Hi' });
    expect(res.status).toBe(200);
    const calls = (await owner.client.get(`/api/v1/usage/calls?conversationId=${conversation.id}`)).body.items;
    expect(calls[0].promptRef).toBe('persona@1');
    const byPrompt = (await owner.client.get('/api/v1/usage/summary?groupBy=prompt')).body.rows;
    expect(byPrompt).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'persona@1', calls: 1 })]));

    const missing = (await owner.client.post('/api/v1/conversations').send({ agentId: agent.id })).body;
    const failed = await owner.client.post(`/api/v1/conversations/${missing.id}/messages`).send({ content: 'Hi' });
    expect(failed.status).toBe(400);
  });
});
