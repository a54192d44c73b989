import { PipelineService, type PipelineVersionContent } from '@agent-fleet/core';
import { createTestDatabase, insertAgent, insertWorkspace } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.js';
import { DrizzlePipelineRepository } from './pipeline-repository.js';
import { DrizzlePromptRepository } from './prompt-repository.js';
import { DrizzleUnitOfWork } from './unit-of-work.js';

let handle: DatabaseHandle;
let repository: DrizzlePipelineRepository;
let service: PipelineService;
const actor = { principal: null, ip: null };

beforeAll(async () => {
  handle = await createTestDatabase();
  repository = new DrizzlePipelineRepository(handle.db);
  service = new PipelineService({
    pipelines: repository,
    prompts: new DrizzlePromptRepository(handle.db),
    unitOfWork: new DrizzleUnitOfWork(handle.db),
  });
});
afterAll(() => handle.close());

const content = (steps: Record<string, unknown>, description?: string): PipelineVersionContent => ({
  format: 'json',
  source: JSON.stringify({ steps }),
  definition: { ...(description ? { description } : {}), steps } as PipelineVersionContent['definition'],
  commitMessage: '',
});
const one = { a: { type: 'transform', value: 1 } };

describe('DrizzlePipelineRepository', () => {
  it('numbers versions, counts the latest version’s steps and follows its description', async () => {
    const workspaceId = await insertWorkspace(handle.db, 'Numbers');
    const created = await repository.create(workspaceId, 'p', content(one, 'first'), null);
    expect(created).toMatchObject({ latestVersion: 1, steps: 1, description: 'first', labels: {} });
    expect(
      await repository.addVersion(workspaceId, created.id, content({ ...one, b: { type: 'transform', value: 2 } }), null),
    ).toBe(2);
    expect(await repository.findByName(workspaceId, 'p')).toMatchObject({ latestVersion: 2, steps: 2, description: '' });
    expect((await repository.listVersions(workspaceId, created.id)).map((v) => v.version)).toEqual([1, 2]);
    await expect(repository.create(workspaceId, 'p', content(one), null)).rejects.toMatchObject({ code: 'name_taken' });
  });

  it('keeps workspaces apart: names, versions, labels and agents of another workspace are invisible', async () => {
    const mine = await insertWorkspace(handle.db, 'Mine');
    const theirs = await insertWorkspace(handle.db, 'Theirs');
    const their = await repository.create(theirs, 'shared', content(one), null);
    await repository.setLabel(theirs, their.id, 'production', 1);
    await insertAgent(handle.db, theirs, { name: 'Their agent' });
    expect(await repository.findByName(mine, 'shared')).toBeNull();
    expect(await repository.findVersion(mine, their.id, 1)).toBeNull();
    expect(await repository.deleteLabel(mine, their.id, 'production')).toBe(false);
    expect(await repository.agentExists(mine, 'Their agent')).toBe(false);
    expect(await repository.agentExists(theirs, 'Their agent')).toBe(true);
    expect((await repository.list(mine, { limit: 10 })).total).toBe(0);
    await repository.delete(mine, their.id);
    expect(await repository.findByName(theirs, 'shared')).toMatchObject({ labels: { production: 1 } });
  });
});

describe('PipelineService.resolveVersion', () => {
  const yaml = (value: number) => ({
    format: 'yaml' as const,
    source: `steps:\n  a: { type: transform, value: ${value} }\n`,
    commitMessage: '',
  });

  it('pins name, name@label and name@<n> to an exact version, and null for anything missing', async () => {
    const workspaceId = await insertWorkspace(handle.db, 'Resolve');
    const created = await service.create(workspaceId, { name: 'flow', ...yaml(1) }, null, actor);
    await service.addVersion(workspaceId, 'flow', yaml(2), null, actor);
    await repository.setLabel(workspaceId, created.id, 'production', 1);

    const latest = await service.resolveVersion(workspaceId, 'flow');
    expect(latest).toMatchObject({ pipelineId: created.id, name: 'flow', version: 2, label: 'latest' });
    expect(latest?.definition.steps.a).toEqual({ type: 'transform', value: 2 });
    const production = await service.resolveVersion(workspaceId, 'flow@production');
    expect(production).toMatchObject({ version: 1, label: 'production' });
    expect(production?.versionId).not.toBe(latest?.versionId);
    expect(await service.resolveVersion(workspaceId, 'flow@2')).toMatchObject({ version: 2, label: null });
    for (const missing of ['flow@9', 'flow@staging', 'nope', 'flow@', '@1'])
      expect(await service.resolveVersion(workspaceId, missing)).toBeNull();
  });

  it('answers each of many references asked for at once (read together, each distinct one once) with its own version', async () => {
    const first = await insertWorkspace(handle.db, 'Batch one');
    const second = await insertWorkspace(handle.db, 'Batch two');
    const one = await service.create(first, { name: 'flow', ...yaml(1) }, null, actor);
    await service.addVersion(first, 'flow', yaml(2), null, actor);
    await repository.setLabel(first, one.id, 'production', 1);
    await service.create(second, { name: 'flow', ...yaml(3) }, null, actor);

    const asked: [string, string][] = [
      [first, 'flow'],
      [second, 'flow'],
      [first, 'flow@production'],
      [second, 'flow@production'],
      [first, 'flow@1'],
      [second, 'flow@2'],
      [first, 'nope'],
      [second, 'flow'],
      [first, 'flow@production'],
      [first, 'nope'],
    ];
    const answers = await Promise.all(asked.map(([workspaceId, ref]) => service.resolveVersion(workspaceId, ref)));
    expect(answers.map((answer) => answer && answer.definition.steps.a)).toEqual([
      { type: 'transform', value: 2 },
      { type: 'transform', value: 3 },
      { type: 'transform', value: 1 },
      null,
      { type: 'transform', value: 1 },
      null,
      null,
      { type: 'transform', value: 3 },
      { type: 'transform', value: 1 },
      null,
    ]);
  });

  it('follows a label that moved, and a new latest, after resolving them once', async () => {
    const workspaceId = await insertWorkspace(handle.db, 'Moving');
    const created = await service.create(workspaceId, { name: 'flow', ...yaml(1) }, null, actor);
    await repository.setLabel(workspaceId, created.id, 'production', 1);
    expect(await service.resolveVersion(workspaceId, 'flow@production')).toMatchObject({ version: 1 });
    expect(await service.resolveVersion(workspaceId, 'flow')).toMatchObject({ version: 1 });

    await service.addVersion(workspaceId, 'flow', yaml(2), null, actor);
    await repository.setLabel(workspaceId, created.id, 'production', 2);
    const production = await service.resolveVersion(workspaceId, 'flow@production');
    expect(production).toMatchObject({ version: 2 });
    expect(production?.definition.steps.a).toEqual({ type: 'transform', value: 2 });
    expect(await service.resolveVersion(workspaceId, 'flow')).toMatchObject({ version: 2 });
    await repository.deleteLabel(workspaceId, created.id, 'production');
    expect(await service.resolveVersion(workspaceId, 'flow@production')).toBeNull();
    // Another workspace's reference never reaches this one's versions, cached or not.
    const other = await insertWorkspace(handle.db, 'Other');
    expect(await service.resolveVersion(other, 'flow')).toBeNull();
  });

  it('compiles against the workspace’s agents and prompts, with their variables', async () => {
    const workspaceId = await insertWorkspace(handle.db, 'Lookup');
    await insertAgent(handle.db, workspaceId, { name: 'Writer' });
    await new DrizzlePromptRepository(handle.db).create(
      workspaceId,
      'summarize',
      { category: '', tags: [], description: '' },
      {
        source: { type: 'text', body: '{{ text }}' },
        variables: [{ name: 'text', type: 'string', required: true }],
        config: {},
        commitMessage: '',
      },
      null,
    );
    const source = [
      'steps:',
      '  write: { type: agent, agent: Writer, task: hi }',
      '  sum: { type: prompt, prompt: summarize@latest, with: { tone: x } }',
      '  other: { type: agent, agent: Ghost, task: hi }',
    ].join('\n');
    const result = await service.validate(workspaceId, { format: 'yaml', source });
    expect(result.issues.map((issue) => `${issue.path} ${issue.code}`).sort()).toEqual([
      'steps.other.agent unknown_reference',
      'steps.sum.with missing_input',
      'steps.sum.with.tone unknown_input',
    ]);
  });
});
