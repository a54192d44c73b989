import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAgentInput } from '@agent-fleet/testing';
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

const text = (body: string) => ({ type: 'text', body });
const create = async (name: string, body: string, extra: Record<string, unknown> = {}) => {
  const res = await owner.client.post('/api/v1/prompts').send({ name, source: text(body), ...extra });
  expect(res.status, res.text).toBe(201);
  return res.body;
};
const save = async (name: string, body: string, extra: Record<string, unknown> = {}) => {
  const res = await owner.client.post(`/api/v1/prompts/${name}/versions`).send({ source: text(body), ...extra });
  expect(res.status, res.text).toBe(201);
  return res.body;
};

describe('templates and versions', () => {
  it('creates version 1, saves immutable versions 2 and 3, and keeps history with authors', async () => {
    const first = await create('greeting', 'Hello {{ name }}', {
      variables: [{ name: 'name', type: 'string', required: true }],
      category: 'support/triage',
      tags: ['intro'],
      commitMessage: 'first',
    });
    expect(first).toMatchObject({
      name: 'greeting',
      latestVersion: 1,
      labels: { latest: 1 },
      category: 'support/triage',
      diagnostics: [],
    });
    await save('greeting', 'Hi {{ name }}', {
      variables: [{ name: 'name', type: 'string', required: true }],
      commitMessage: 'shorter',
    });
    const third = await save('greeting', 'Hey {{ name }}!', { variables: [{ name: 'name', type: 'string', required: true }] });
    expect(third.latestVersion).toBe(3);
    const history = await owner.client.get('/api/v1/prompts/greeting/versions');
    expect(history.body.items.map((v: { version: number; commitMessage: string }) => [v.version, v.commitMessage])).toEqual([
      [1, 'first'],
      [2, 'shorter'],
      [3, ''],
    ]);
    expect(history.body.items[0]).toMatchObject({
      authorId: owner.user.id,
      authorName: owner.user.name,
      source: text('Hello {{ name }}'),
    });
    expect((await owner.client.get('/api/v1/prompts/greeting/versions/2')).body.source.body).toBe('Hi {{ name }}');
    expect((await owner.client.get('/api/v1/prompts/greeting/versions/9')).status).toBe(404);
  });

  it('refuses to save errors, listing them with line and column, and reports warnings', async () => {
    const bad = await owner.client.post('/api/v1/prompts').send({ name: 'broken', source: text('line one\n{% if x %}open') });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('template_invalid');
    expect(bad.body.errors[0]).toMatchObject({
      path: 'source',
      code: 'syntax_error',
      message: expect.stringMatching(/^Line 2, column \d+:/),
    });
    expect((await owner.client.get('/api/v1/prompts/broken')).status).toBe(404);
    const warned = await create('warned', 'Hi', { variables: [{ name: 'unused', type: 'string' }] });
    expect(warned.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'unused_variable' })]);
  });

  it('analyses drafts: undeclared variables and unresolved includes, with positions', async () => {
    const res = await owner.client
      .post('/api/v1/prompts/analyze')
      .send({ source: text('Hi {{ who }}\n{% include "missing" %}'), variables: [] });
    expect(res.status).toBe(200);
    const codes = res.body.diagnostics.map((d: { code: string; line: number }) => `${d.code}@${d.line}`).sort();
    expect(codes).toEqual(['undeclared_variable@1', 'unresolved_include@2']);
  });

  it('lists by category folder, tag, label and text, and rejects a taken or reserved name', async () => {
    await create('a-triage', 'x', { category: 'support/triage', tags: ['t1'] });
    await create('b-billing', 'x', { category: 'support', description: 'Billing answers' });
    await create('c-sales', 'x', { category: 'sales', tags: ['t1'] });
    await owner.client.put('/api/v1/prompts/c-sales/labels/staging').send({ version: 1 });
    const names = async (query: string) =>
      (await owner.client.get(`/api/v1/prompts?${query}`)).body.items.map((p: { name: string }) => p.name);
    expect(await names('category=support')).toEqual(['a-triage', 'b-billing']);
    expect(await names('tag=t1')).toEqual(['a-triage', 'c-sales']);
    expect(await names('label=staging')).toEqual(['c-sales']);
    expect(await names('q=billing')).toEqual(['b-billing']);
    expect((await owner.client.post('/api/v1/prompts').send({ name: 'a-triage', source: text('y') })).status).toBe(409);
    expect((await owner.client.post('/api/v1/prompts').send({ name: 'export', source: text('y') })).status).toBe(400);
  });
});

describe('labels', () => {
  it('moves labels independently, rolls back, keeps latest automatic and protects production', async () => {
    await create('p', 'one');
    await save('p', 'two');
    const moved = await owner.client.put('/api/v1/prompts/p/labels/production').send({ version: 2 });
    expect(moved.body.labels).toEqual({ latest: 2, production: 2 });
    await owner.client.put('/api/v1/prompts/p/labels/production').send({ version: 1 });
    const rendered = await owner.client.post('/api/v1/prompts/p/render').send({ selector: 'production' });
    expect(rendered.body).toMatchObject({ version: 1, text: 'one' });
    expect((await owner.client.put('/api/v1/prompts/p/labels/latest').send({ version: 1 })).status).toBe(400);
    expect((await owner.client.put('/api/v1/prompts/p/labels/staging').send({ version: 7 })).status).toBe(400);

    const editor = await t.addUser(owner, 'editor');
    const denied = await editor.client.put('/api/v1/prompts/p/labels/production').send({ version: 2 });
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toContain('prompts:manage');
    expect((await editor.client.put('/api/v1/prompts/p/labels/staging').send({ version: 2 })).status).toBe(200);
    expect((await editor.client.delete('/api/v1/prompts/p/labels/production')).status).toBe(403);
    expect((await owner.client.get('/api/v1/prompts/p')).body.labels).toEqual({ latest: 2, production: 1, staging: 2 });
    // One version, by label or number, names the labels that point at it, `latest` included when newest.
    expect((await owner.client.get('/api/v1/prompts/p/versions/staging')).body).toMatchObject({
      version: 2,
      labels: ['latest', 'staging'],
    });
    expect((await owner.client.get('/api/v1/prompts/p/versions/1')).body).toMatchObject({ version: 1, labels: ['production'] });
  });
});

describe('diff and render', () => {
  it('diffs body and variables of two versions', async () => {
    await create('d', 'Hello\nworld', { variables: [{ name: 'a', type: 'string' }] });
    await save('d', 'Hello\nthere', { variables: [{ name: 'a', type: 'number' }] });
    const diff = await owner.client.get('/api/v1/prompts/d/diff?from=1&to=2');
    expect(diff.body.body).toEqual([
      { type: 'equal', text: 'Hello' },
      { type: 'removed', text: 'world' },
      { type: 'added', text: 'there' },
    ]);
    expect(
      diff.body.variables.filter((l: { type: string }) => l.type !== 'equal').map((l: { text: string }) => l.text.trim()),
    ).toEqual(['"type": "string",', '"type": "number",']);
  });

  it('shows a last line that only gained its newline as unchanged', async () => {
    await create('nl', 'Hello\nworld');
    await save('nl', 'Hello\nworld\nagain\n');
    const diff = await owner.client.get('/api/v1/prompts/nl/diff?from=1&to=2');
    expect(diff.body.body).toEqual([
      { type: 'equal', text: 'Hello' },
      { type: 'equal', text: 'world' },
      { type: 'added', text: 'again' },
    ]);
  });

  it('renders conditionals and includes, reporting the versions used and a token estimate', async () => {
    await create('footer', 'Thanks, {{ team }}', { variables: [{ name: 'team', type: 'string', default: 'Support' }] });
    await create('reply', '{% if vip %}Dear{% else %}Hi{% endif %} {{ name }}. {% include "footer" %}', {
      variables: [
        { name: 'vip', type: 'boolean', default: false },
        { name: 'name', type: 'string', required: true },
        { name: 'team', type: 'string', default: 'Support' },
      ],
    });
    const res = await owner.client.post('/api/v1/prompts/reply/render').send({ variables: { vip: true, name: 'Ada' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      type: 'text',
      text: 'Dear Ada. Thanks, Support',
      includes: [{ name: 'footer', version: 1 }],
    });
    expect(res.body.tokens).toBeGreaterThan(3);
  });

  it('answers missing and ill-typed variables with 400 listing each', async () => {
    await create('typed', '{{ n }} {{ s }}', {
      variables: [
        { name: 'n', type: 'number', required: true },
        { name: 's', type: 'string', required: true },
      ],
    });
    const res = await owner.client.post('/api/v1/prompts/typed/render').send({ variables: { n: 'three' } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['variables.n', 'variables.s']);
  });

  it('renders chat templates message by message', async () => {
    const res = await owner.client.post('/api/v1/prompts').send({
      name: 'chat',
      source: {
        type: 'chat',
        messages: [
          { role: 'system', content: 'Be {{ tone }}' },
          { role: 'user', content: 'Hi' },
        ],
      },
      variables: [{ name: 'tone', type: 'enum', options: ['kind', 'terse'], required: true }],
    });
    expect(res.status).toBe(201);
    const rendered = await owner.client.post('/api/v1/prompts/chat/render').send({ variables: { tone: 'kind' } });
    expect(rendered.body.messages).toEqual([
      { role: 'system', content: 'Be kind' },
      { role: 'user', content: 'Hi' },
    ]);
  });
});

describe('agents bind to prompts', () => {
  it('validates name@label on save, lists users, and refuses deleting a template in use', async () => {
    await create('sys', 'You help.');
    const unknown = await owner.client
      .post('/api/v1/agents')
      .send(buildAgentInput({ systemPrompt: { type: 'template', ref: 'sys@production' } }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'systemPrompt.ref', code: 'unknown_template' });
    const agent = await owner.client
      .post('/api/v1/agents')
      .send(buildAgentInput({ name: 'Helper', systemPrompt: { type: 'template', ref: 'sys@latest' } }));
    expect(agent.status).toBe(201);
    const usage = await owner.client.get('/api/v1/prompts/sys/usage');
    expect(usage.body.items).toEqual([{ kind: 'agent', id: agent.body.id, name: 'Helper', ref: 'sys@latest' }]);
    const refused = await owner.client.delete('/api/v1/prompts/sys');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('prompt_in_use');
    await owner.client.delete(`/api/v1/agents/${agent.body.id}`);
    expect((await owner.client.delete('/api/v1/prompts/sys')).status).toBe(204);
  });
});

describe('.prompt files', () => {
  it('round-trips versions and labels, and re-importing changes nothing', async () => {
    await create('base', 'Base {{ x }}', { variables: [{ name: 'x', type: 'string' }], category: 'core', tags: ['t'] });
    await save('base', 'Base v2 {{ x }}', { variables: [{ name: 'x', type: 'string' }], commitMessage: 'v2' });
    await owner.client.put('/api/v1/prompts/base/labels/production').send({ version: 1 });
    await create('uses-base', '{% include "base" %}!', { variables: [{ name: 'x', type: 'string' }] });
    const exported = await owner.client.get('/api/v1/prompts/export');
    expect(exported.body.files.map((f: { path: string }) => f.path).sort()).toEqual([
      'core/base/1.prompt',
      'core/base/2.prompt',
      'uses-base/1.prompt',
    ]);
    expect(exported.body.files.find((f: { path: string }) => f.path === 'core/base/1.prompt').content).toContain(
      'labels:\n  - production',
    );

    const again = await owner.client.post('/api/v1/prompts/import').send({ files: exported.body.files });
    expect(again.status).toBe(200);
    expect(again.body.created).toEqual([]);

    const other = await createTestApp();
    try {
      const otherOwner = await other.signupOwner();
      const imported = await otherOwner.client.post('/api/v1/prompts/import').send({ files: [...exported.body.files].reverse() });
      expect(imported.status, imported.text).toBe(200);
      expect(imported.body.created).toEqual([
        { name: 'base', version: 1 },
        { name: 'base', version: 2 },
        { name: 'uses-base', version: 1 },
      ]);
      const base = await otherOwner.client.get('/api/v1/prompts/base');
      expect(base.body).toMatchObject({ labels: { latest: 2, production: 1 }, category: 'core', tags: ['t'] });
      const reexport = await otherOwner.client.get('/api/v1/prompts/export');
      expect(reexport.body.files.map((f: { content: string }) => f.content).sort()).toEqual(
        exported.body.files.map((f: { content: string }) => f.content).sort(),
      );
    } finally {
      await other.close();
    }
  });

  it('refuses invalid files and changes nothing', async () => {
    const res = await owner.client.post('/api/v1/prompts/import').send({
      files: [
        { path: 'ok/1.prompt', content: '---\nname: ok\nversion: 1\n---\nfine' },
        { path: 'bad/1.prompt', content: 'no front matter' },
        { path: 'alias/1.prompt', content: '---\nname: &a alias\nversion: 1\ndescription: *a\n---\n' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['files.1', 'files.2']);
    expect((await owner.client.get('/api/v1/prompts')).body.total).toBe(0);
  });
});
