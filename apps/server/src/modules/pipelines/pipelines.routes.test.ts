import { DEFAULT_WORKSPACE_ID } from '@agent-fleet/core';
import { schema } from '@agent-fleet/db';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test-support.js';

let t: TestApp;
let owner: SignedIn;
beforeEach(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
});
afterEach(async () => {
  await t.close();
});

const base = '/api/v1/pipelines';
const yaml = (value = 1) => `description: Doubles a number
inputs:
  n: { type: number, required: true }
steps:
  double:
    type: transform
    value: \${{ input.n * ${value} }}
outputs:
  result: \${{ steps.double.output }}
`;
const create = async (name: string, source = yaml(), extra: Record<string, unknown> = {}) => {
  const res = await owner.client.post(base).send({ name, format: 'yaml', source, ...extra });
  expect(res.status, res.text).toBe(201);
  return res.body;
};
const save = async (name: string, source: string, extra: Record<string, unknown> = {}) => {
  const res = await owner.client.post(`${base}/${name}/versions`).send({ format: 'yaml', source, ...extra });
  expect(res.status, res.text).toBe(201);
  return res.body;
};
const auditActions = async () =>
  (await owner.client.get('/api/v1/audit-events')).body.items.map((event: { action: string }) => event.action) as string[];

describe('pipelines and versions', () => {
  it('creates version 1 keeping the source as written, and saves immutable numbered versions', async () => {
    const first = await create('doubler', yaml(), { commitMessage: 'first' });
    expect(first).toMatchObject({
      name: 'doubler',
      description: 'Doubles a number',
      latestVersion: 1,
      labels: { latest: 1 },
      steps: 1,
      latest: { version: 1, format: 'yaml', source: yaml(), commitMessage: 'first', authorId: owner.user.id, labels: ['latest'] },
    });
    expect(first.latest.definition.steps.double.type).toBe('transform');
    const second = await save('doubler', yaml(2), { commitMessage: 'twice' });
    expect(second.latestVersion).toBe(2);
    expect(second.labels).toEqual({ latest: 2 });
    const history = await owner.client.get(`${base}/doubler/versions`);
    expect(history.body.items.map((v: { version: number; commitMessage: string }) => [v.version, v.commitMessage])).toEqual([
      [1, 'first'],
      [2, 'twice'],
    ]);
    expect((await owner.client.get(`${base}/doubler/versions/1`)).body.source).toBe(yaml());
    expect((await owner.client.get(`${base}/doubler/versions/latest`)).body.version).toBe(2);
    expect((await owner.client.get(`${base}/doubler/versions/9`)).status).toBe(404);
    expect((await owner.client.post(base).send({ name: 'doubler', format: 'yaml', source: yaml() })).body.code).toBe(
      'name_taken',
    );
    expect(await auditActions()).toEqual(expect.arrayContaining(['pipeline.created', 'pipeline.version_created']));
  });

  it('refuses an invalid definition with every problem and its line and column, saving nothing', async () => {
    const source =
      'steps:\n  a:\n    type: transform\n    value: 1\n  b:\n    type: shell\n  c:\n    type: transform\n    needs: [nowhere]\n    value: 2\n';
    const res = await owner.client.post(base).send({ name: 'broken', format: 'yaml', source });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: expect.stringMatching(/^steps\.b/),
          message: expect.stringMatching(/^Line 6, column \d+: /),
        }),
        expect.objectContaining({
          path: 'steps.c.needs.0',
          code: 'unknown_step',
          message: expect.stringMatching(/^Line 9, column \d+: /),
        }),
      ]),
    );
    const unparsable = await owner.client.post(base).send({ name: 'broken', format: 'yaml', source: 'steps:\n  a: [1,\n' });
    expect(unparsable.status).toBe(400);
    expect(unparsable.body.errors[0].message).toMatch(/^Line \d+, column \d+: /);
    expect((await owner.client.get(`${base}/broken`)).status).toBe(404);
    await create('ok');
    expect((await owner.client.post(`${base}/ok/versions`).send({ format: 'yaml', source })).status).toBe(400);
    expect((await owner.client.get(`${base}/ok`)).body.latestVersion).toBe(1);
  });

  it('checks references to prompts, agents and pipelines, and refuses a pipeline that calls itself', async () => {
    const calls = (ref: string, bind = '') => `steps:\n  child:\n    type: pipeline\n    pipeline: ${ref}\n${bind}`;
    const missing = await owner.client
      .post(base)
      .send({ name: 'parent', format: 'yaml', source: calls('nope', '    with: { n: 1 }\n') });
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'steps.child.pipeline', code: 'unknown_reference' })]);
    await create('doubler');
    await create('parent', calls('doubler@latest', '    with: { n: 1 }\n'));
    const loop = await owner.client.post(`${base}/doubler/versions`).send({ format: 'yaml', source: calls('parent') });
    expect(loop.status).toBe(400);
    expect(loop.body.errors).toEqual([expect.objectContaining({ path: 'steps.child.pipeline', code: 'cycle' })]);
    const agentStep = 'steps:\n  ask:\n    type: agent\n    agent: Nobody\n    task: hi\n';
    const agent = await owner.client.post(base).send({ name: 'asks', format: 'yaml', source: agentStep });
    expect(agent.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'steps.ask.agent' })]));
  });

  it('accepts JSON as format json and refuses YAML sent as json', async () => {
    const json = JSON.stringify({ steps: { a: { type: 'transform', value: 1 } } }, null, 2);
    const created = await owner.client.post(base).send({ name: 'as-json', format: 'json', source: json });
    expect(created.status, created.text).toBe(201);
    expect(created.body.latest.format).toBe('json');
    const wrong = await owner.client.post(base).send({ name: 'wrong', format: 'json', source: yaml() });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].code).toBe('invalid_json');
  });

  it('lists by name with cursor pagination, text and label filters', async () => {
    for (const name of ['c-one', 'a-two', 'b-three']) await create(name);
    const first = await owner.client.get(`${base}?limit=2`);
    expect(first.body.items.map((p: { name: string }) => p.name)).toEqual(['a-two', 'b-three']);
    expect(first.body.total).toBe(3);
    const next = await owner.client.get(`${base}?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items.map((p: { name: string }) => p.name)).toEqual(['c-one']);
    expect(next.body.nextCursor).toBeNull();
    expect((await owner.client.get(`${base}?q=THREE`)).body.items.map((p: { name: string }) => p.name)).toEqual(['b-three']);
    await owner.client.put(`${base}/c-one/labels/staging`).send({ version: 1 });
    expect((await owner.client.get(`${base}?label=staging`)).body.items.map((p: { name: string }) => p.name)).toEqual(['c-one']);
    expect((await owner.client.get(`${base}?cursor=forged`)).status).toBe(400);
  });
});

describe('labels, diff, validate, delete', () => {
  it('moves labels, keeps latest automatic, and needs pipelines:manage for production', async () => {
    await create('doubler');
    await save('doubler', yaml(2));
    const staged = await owner.client.put(`${base}/doubler/labels/staging`).send({ version: 1 });
    expect(staged.status, staged.text).toBe(200);
    expect(staged.body.labels).toEqual({ latest: 2, staging: 1 });
    expect((await owner.client.put(`${base}/doubler/labels/latest`).send({ version: 1 })).status).toBe(400);
    expect((await owner.client.put(`${base}/doubler/labels/staging`).send({ version: 7 })).status).toBe(400);
    const editor = await t.addUser(owner, 'editor');
    expect((await editor.client.put(`${base}/doubler/labels/production`).send({ version: 1 })).status).toBe(403);
    expect((await editor.client.put(`${base}/doubler/labels/staging`).send({ version: 2 })).status).toBe(200);
    expect((await owner.client.put(`${base}/doubler/labels/production`).send({ version: 1 })).status).toBe(200);
    expect((await editor.client.delete(`${base}/doubler/labels/production`)).status).toBe(403);
    expect((await owner.client.get(`${base}/doubler/versions/production`)).body.version).toBe(1);
    expect((await owner.client.delete(`${base}/doubler/labels/staging`)).status).toBe(204);
    expect((await owner.client.delete(`${base}/doubler/labels/staging`)).status).toBe(404);
    expect(await auditActions()).toEqual(expect.arrayContaining(['pipeline.label_moved', 'pipeline.label_deleted']));
  });

  it('diffs the sources of two versions line by line', async () => {
    await create('doubler');
    await save('doubler', yaml(2));
    const diff = await owner.client.get(`${base}/doubler/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.source.filter((line: { type: string }) => line.type !== 'equal')).toEqual([
      { type: 'removed', text: '    value: ${{ input.n * 1 }}' },
      { type: 'added', text: '    value: ${{ input.n * 2 }}' },
    ]);
    expect((await owner.client.get(`${base}/doubler/diff?from=1&to=5`)).status).toBe(404);
  });

  it('validates a draft with 200 either way, giving issues with positions and the graph', async () => {
    const good = await owner.client.post(`${base}/validate`).send({ format: 'yaml', source: yaml() });
    expect(good.body).toEqual({ valid: true, issues: [], graph: { nodes: [{ id: 'double', type: 'transform', needs: [] }] } });
    const source =
      'steps:\n  a:\n    type: transform\n    value: 1\n  b:\n    type: transform\n    needs: [a, ghost]\n    value: 2\n';
    const bad = await owner.client.post(`${base}/validate`).send({ format: 'yaml', source });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'steps.b.needs.1', code: 'unknown_step', line: 7 })]);
    expect(bad.body.graph.nodes).toEqual([
      { id: 'a', type: 'transform', needs: [] },
      { id: 'b', type: 'transform', needs: ['a', 'ghost'] },
    ]);
    const unparsable = await owner.client.post(`${base}/validate`).send({ format: 'yaml', source: 'steps: [' });
    expect(unparsable.body).toMatchObject({ valid: false, graph: null });
  });

  it('validates prompt references against the registry: template, label and version, and the variables the template requires', async () => {
    const prompt = await owner.client.post('/api/v1/prompts').send({
      name: 'greet',
      source: { type: 'text', body: 'Hello {{ who }}' },
      variables: [{ name: 'who', type: 'string', required: true }],
    });
    expect(prompt.status, prompt.text).toBe(201);
    const source = `steps:
  fine: { type: prompt, prompt: greet@latest, with: { who: Ada } }
  byNumber: { type: prompt, prompt: greet@1, with: { who: Ada } }
  noVersion: { type: prompt, prompt: greet@7, with: { who: Ada } }
  noLabel: { type: prompt, prompt: greet@staging, with: { who: Ada } }
  noTemplate: { type: prompt, prompt: nobody }
  noVariable: { type: prompt, prompt: greet }
`;
    const res = await owner.client.post(`${base}/validate`).send({ format: 'yaml', source });
    expect(res.status, res.text).toBe(200);
    const byStep = Object.fromEntries(
      (res.body.issues as { path: string; code: string }[]).map((issue) => [issue.path.split('.')[1], issue.code]),
    );
    expect(byStep).toEqual({
      noVersion: 'unknown_reference',
      noLabel: 'unknown_reference',
      noTemplate: 'unknown_reference',
      noVariable: expect.any(String) as unknown,
    });
  });

  it('refuses to delete a pipeline while a run is queued or running, then deletes it', async () => {
    const created = await create('doubler');
    const [version] = await t.database.db
      .select({ id: schema.pipelineVersions.id })
      .from(schema.pipelineVersions)
      .where(eq(schema.pipelineVersions.pipelineId, created.id));
    const [run] = await t.database.db
      .insert(schema.pipelineRuns)
      .values({
        workspaceId: DEFAULT_WORKSPACE_ID,
        pipelineId: created.id,
        versionId: (version as { id: string }).id,
        pipelineName: 'doubler',
        version: 1,
        status: 'running',
        trigger: 'api',
        input: { n: 1 },
      })
      .returning({ id: schema.pipelineRuns.id });
    const refused = await owner.client.delete(`${base}/doubler`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict');
    expect((await owner.client.get(`${base}/doubler`)).status).toBe(200);
    await t.database.db
      .update(schema.pipelineRuns)
      .set({ status: 'succeeded' })
      .where(eq(schema.pipelineRuns.id, (run as { id: string }).id));
    expect((await owner.client.delete(`${base}/doubler`)).status).toBe(204);
    expect((await owner.client.get(`${base}/doubler`)).status).toBe(404);
    expect(await auditActions()).toContain('pipeline.deleted');
  });

  it('lets a viewer read but not write', async () => {
    await create('doubler');
    const viewer = await t.addUser(owner, 'viewer');
    expect((await viewer.client.get(`${base}/doubler`)).status).toBe(200);
    expect((await viewer.client.post(`${base}/validate`).send({ format: 'yaml', source: yaml() })).status).toBe(200);
    expect((await viewer.client.post(base).send({ name: 'mine', format: 'yaml', source: yaml() })).status).toBe(403);
    expect((await viewer.client.post(`${base}/doubler/versions`).send({ format: 'yaml', source: yaml(3) })).status).toBe(403);
    expect((await viewer.client.delete(`${base}/doubler`)).status).toBe(403);
    expect((await owner.client.get(`${base}/doubler`)).body.latestVersion).toBe(1);
  });
});
