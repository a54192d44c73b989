import { createIsolatedTemplateEngine, type IsolatedTemplateEngine } from '@agent-fleet/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { waitForRunStatus } from './run-polling.test-support.js';
import { createMockAgent, createTestApp, type SignedIn, type TestApp } from '../../test-support.js';

let templates: IsolatedTemplateEngine;
let t: TestApp;
let owner: SignedIn;
beforeEach(async () => {
  // One template worker and no line at all: two renders at once already fill the pool, on any machine.
  templates = createIsolatedTemplateEngine({ workers: 1, maxQueue: 0 });
  t = await createTestApp({ templates });
  owner = await t.signupOwner();
});
afterEach(async () => {
  await t.close();
  await templates.close();
});

const ok = <T extends { status: number; text: string }>(res: T, status = 201): T => {
  expect(res.status, res.text).toBe(status);
  return res;
};

it('runs a wide map of prompt steps and of agents with template system prompts: the steps wait for a template worker, none fails for a busy moment', async () => {
  const template = (name: string, body: string) =>
    owner.client.post('/api/v1/prompts').send({
      name,
      source: { type: 'text', body },
      variables: [{ name: 'who', type: 'string' }],
      config: { provider: 'mock', model: 'echo' },
    });
  ok(await template('greet', 'Say hello to {{ who }}'));
  ok(await template('persona', 'You write for {{ who | default: "everyone" }}.'));
  await createMockAgent(owner, 'writer', 'echo', { systemPrompt: { type: 'template', ref: 'persona@latest' } });
  const items = JSON.stringify(Array.from({ length: 12 }, (_, i) => `n${i}`));
  ok(
    await owner.client.post('/api/v1/pipelines').send({
      name: 'wide',
      format: 'yaml',
      source: `steps:
  greet: { type: map, items: '${items}', concurrency: 12, maxFailures: 0, step: { type: prompt, prompt: greet, with: { who: '\${{ item }}' } } }
  write: { type: map, items: '${items}', concurrency: 12, maxFailures: 0, step: { type: agent, agent: writer, task: 'Write to \${{ item }}' } }
`,
    }),
  );
  const created = ok(await owner.client.post('/api/v1/runs').send({ pipeline: 'wide' }));
  const run = await waitForRunStatus(owner.client, created.body.id);
  expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
  const itemsOf = (key: string) => {
    const parent = run.steps.find((step: { key: string }) => step.key === key);
    return run.steps.filter((step: { parentId: string | null }) => step.parentId === parent.id);
  };
  expect(itemsOf('greet').map((step: { status: string }) => step.status)).toEqual(Array(12).fill('succeeded'));
  expect(itemsOf('write').map((step: { status: string }) => step.status)).toEqual(Array(12).fill('succeeded'));
});
