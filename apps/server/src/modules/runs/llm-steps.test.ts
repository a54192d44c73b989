import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForRunStatus } from './run-polling.test-support.js';
import { createMockAgent, createTestApp, type SignedIn, type TestApp } from '../../test-support.js';

let t: TestApp;
let owner: SignedIn;
beforeEach(async () => {
  // One try per model, so a failing mock model hands over to the fallback at once.
  t = await createTestApp({ env: { LLM_MAX_ATTEMPTS: 1 } });
  owner = await t.signupOwner();
});
afterEach(async () => {
  await t.close();
});

const ok = <T extends { status: number; text: string }>(res: T, status = 201): T => {
  expect(res.status, res.text).toBe(status);
  return res;
};

const prompt = (name: string, body: string, model = 'echo') =>
  owner.client.post('/api/v1/prompts').send({
    name,
    source: { type: 'text', body },
    variables: [{ name: 'who', type: 'string' }],
    config: { provider: 'mock', model },
  });

const pipeline = (name: string, source: string) => owner.client.post('/api/v1/pipelines').send({ name, format: 'yaml', source });

const finished = async (pipelineName: string, input: Record<string, unknown> = {}) => {
  const created = ok(await owner.client.post('/api/v1/runs').send({ pipeline: pipelineName, input }));
  return waitForRunStatus(owner.client, created.body.id);
};

describe('prompt and agent steps', () => {
  it('totals a map’s items on the map step, and counts them once in the run', async () => {
    ok(await prompt('greet', 'Say hello to {{ who }}'));
    ok(
      await pipeline(
        'fan',
        `steps:
  each: { type: map, items: '["a", "b", "c"]', concurrency: 2, maxFailures: 0, step: { type: prompt, prompt: greet, with: { who: '\${{ item }}' } } }
`,
      ),
    );
    const run = await finished('fan');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const each = run.steps.find((step: { key: string }) => step.key === 'each');
    const items = run.steps.filter((step: { parentId: string | null }) => step.parentId === each.id);
    expect(items).toHaveLength(3);
    expect(each.llmCalls).toBe(3);
    expect(each.costUsd).toBeCloseTo(
      items.reduce((sum: number, item: { costUsd: number }) => sum + item.costUsd, 0),
      10,
    );
    expect(run.llmCalls).toBe(3);
    expect(run.costUsd).toBeCloseTo(each.costUsd, 10);
  });

  it('chains prompts: each renders its template with its inputs, calls the model, and the run totals tokens and cost', async () => {
    ok(await prompt('greet', 'Say hello to {{ who }}'));
    ok(
      await pipeline(
        'chain',
        `inputs:
  name: { type: string, required: true }
outputs:
  final: \${{ steps.second.output }}
steps:
  first: { type: prompt, prompt: greet@latest, with: { who: '\${{ input.name }}' } }
  second: { type: prompt, prompt: greet, needs: [first], with: { who: '\${{ steps.first.output }}' } }
`,
      ),
    );
    const run = await finished('chain', { name: 'Ada' });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.outputs.final).toContain('Ada');
    const steps = Object.fromEntries(run.steps.map((step: { key: string }) => [step.key, step]));
    expect(steps.first.llmCalls).toBe(1);
    expect(steps.first.usage.inputTokens).toBeGreaterThan(0);
    expect(run.llmCalls).toBe(2);
    expect(run.usage.outputTokens).toBe(steps.first.usage.outputTokens + steps.second.usage.outputTokens);
    const calls = (await owner.client.get(`/api/v1/usage/calls?runId=${run.id}`)).body;
    expect(calls.items.map((call: { stepId: string; promptRef: string }) => [call.stepId, call.promptRef]).sort()).toEqual([
      ['first', 'greet@1'],
      ['second', 'greet@1'],
    ]);
  });

  it('falls back to another step (another model) when a prompt step fails', async () => {
    ok(await prompt('greet', 'Say hello to {{ who }}'));
    ok(
      await pipeline(
        'fallback',
        `outputs:
  text: \${{ steps.main.output }}
steps:
  main:
    type: prompt
    prompt: greet
    model: { provider: mock, model: 'echo?fail=500' }
    with: { who: Bob }
    onError: { fallback: spare }
  spare: { type: prompt, prompt: greet, model: { provider: mock, model: echo }, with: { who: Bob } }
`,
      ),
    );
    const run = await finished('fallback');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.outputs.text).toContain('Bob');
    const main = run.steps.find((step: { key: string }) => step.key === 'main');
    expect(main.error.code).toBe('server_error');
    // The failed call is counted too: the provider may bill it.
    expect(run.llmCalls).toBe(2);
  });

  it('stops the run before the model call that would exceed its budget', async () => {
    ok(
      await owner.client.put('/api/v1/model-prices').send({
        provider: 'mock',
        model: 'priced',
        prices: { input: 1000, output: 1000, cachedInput: 0, cacheWrite: 0, reasoning: 0 },
      }),
      200,
    );
    ok(await prompt('greet', 'Say hello to {{ who }}', 'priced'));
    ok(
      await pipeline(
        'costly',
        `budget: { maxUsd: 0.001 }
steps:
  a: { type: prompt, prompt: greet, with: { who: one } }
  b: { type: prompt, prompt: greet, needs: [a], with: { who: two } }
  c: { type: prompt, prompt: greet, needs: [b], with: { who: three } }
`,
      ),
    );
    const run = await finished('costly');
    expect(run.status).toBe('failed');
    expect(run.error.code).toBe('budget_exceeded');
    // One call crossed the budget; none was made after it.
    expect(run.llmCalls).toBe(1);
    expect(run.costUsd).toBeGreaterThan(0.001);
  });

  it('runs an agent step as a task of the agent, recorded in its history and the ledger', async () => {
    const agent = await createMockAgent(owner, 'writer');
    ok(
      await pipeline(
        'delegate',
        `outputs:
  reply: \${{ steps.ask.output }}
steps:
  ask: { type: agent, agent: writer, task: 'Write about \${{ input.topic }}' }
inputs:
  topic: { type: string, required: true }
`,
      ),
    );
    const run = await finished('delegate', { topic: 'owls' });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.outputs.reply).toContain('owls');
    const tasks = (await owner.client.get(`/api/v1/agents/${agent.id}/tasks`)).body;
    expect(tasks.items[0]).toMatchObject({ kind: 'pipeline_step', status: 'succeeded' });
    const calls = (await owner.client.get(`/api/v1/usage/calls?runId=${run.id}&stepId=ask`)).body;
    expect(calls.items).toHaveLength(1);
    expect(run.llmCalls).toBe(1);
  });
});
