import type { VersionContent } from '@agent-fleet/core';
import { createTestDatabase, insertWorkspace } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.js';
import { DrizzlePromptRepository } from './prompt-repository.js';

let handle: DatabaseHandle;
let prompts: DrizzlePromptRepository;
let workspaceId: string;

const content = (body: string): VersionContent => ({
  source: { type: 'text', body },
  variables: [],
  config: {},
  commitMessage: body,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  prompts = new DrizzlePromptRepository(handle.db);
  workspaceId = await insertWorkspace(handle.db, 'Prompts');
  const { id } = await prompts.create(workspaceId, 'greet', { category: '', tags: [], description: '' }, content('one'), null);
  await prompts.addVersion(workspaceId, id, content('two'), null);
  await prompts.addVersion(workspaceId, id, content('three'), null);
  await prompts.setLabel(workspaceId, id, 'production', 2);
  await prompts.setLabel(workspaceId, id, 'staging', 2);
});
afterAll(() => handle.close());

describe('DrizzlePromptRepository.resolveVersion', () => {
  it('resolves a label, latest and a number to the version, with the labels that point at it', async () => {
    const production = await prompts.resolveVersion(workspaceId, 'greet', { label: 'production' });
    expect(production?.version).toMatchObject({ version: 2, commitMessage: 'two', source: { type: 'text', body: 'two' } });
    expect(production?.version?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(production?.latestVersion).toBe(3);
    expect([...(production?.labels ?? [])].sort()).toEqual(['production', 'staging']);
    expect(await prompts.resolveVersion(workspaceId, 'greet', { label: 'latest' })).toMatchObject({
      version: { version: 3, commitMessage: 'three' },
      latestVersion: 3,
      labels: [],
    });
    expect(await prompts.resolveVersion(workspaceId, 'greet', { version: 1 })).toMatchObject({
      version: { version: 1, commitMessage: 'one' },
      labels: [],
    });
  });

  it('tells a missing template (null) from a missing label or version (no version)', async () => {
    expect(await prompts.resolveVersion(workspaceId, 'absent', { label: 'latest' })).toBeNull();
    expect(await prompts.resolveVersion(await insertWorkspace(handle.db, 'Other'), 'greet', { version: 1 })).toBeNull();
    expect(await prompts.resolveVersion(workspaceId, 'greet', { label: 'canary' })).toEqual({
      version: null,
      latestVersion: 3,
      labels: [],
    });
    expect(await prompts.resolveVersion(workspaceId, 'greet', { version: 9 })).toEqual({
      version: null,
      latestVersion: 3,
      labels: [],
    });
  });

  it('reads the template, the label and the version in one statement', async () => {
    // Every statement of either driver, prepared or not, is sent through the session's client.
    const session = handle.db._.session as unknown as { client: { query: (...args: unknown[]) => Promise<unknown> } };
    const client = session.client;
    let statements = 0;
    session.client = new Proxy(client, {
      get(target, property) {
        if (property === 'query') {
          return (...args: unknown[]) => {
            statements += 1;
            return target.query(...args);
          };
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    try {
      await prompts.findByName(workspaceId, 'greet');
      expect(statements).toBe(2);
      statements = 0;
      expect((await prompts.resolveVersion(workspaceId, 'greet', { label: 'production' }))?.version?.version).toBe(2);
      expect(statements).toBe(1);
    } finally {
      session.client = client;
    }
  });
});
