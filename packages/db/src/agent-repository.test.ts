import { AgentCreateSchema } from '@agent-fleet/contracts';
import { buildAgentInput, createTestDatabase, insertWorkspace } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleAgentRepository } from './agent-repository.js';
import type { DatabaseHandle } from './database.js';

let handle: DatabaseHandle;
let repository: DrizzleAgentRepository;

beforeAll(async () => {
  handle = await createTestDatabase();
  repository = new DrizzleAgentRepository(handle.db);
});
afterAll(() => handle.close());

async function newWorkspace(): Promise<string> {
  return insertWorkspace(handle.db, 'Agents');
}

describe('DrizzleAgentRepository.setRuntimeStatus', () => {
  it('sets the status without bumping the version or updatedAt', async () => {
    const workspaceId = await newWorkspace();
    const agent = await repository.insert(workspaceId, AgentCreateSchema.parse(buildAgentInput()));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await repository.setRuntimeStatus(workspaceId, agent.id, 'busy');
    const busy = await repository.findById(workspaceId, agent.id);
    expect(busy).toMatchObject({ status: 'busy', version: agent.version, updatedAt: agent.updatedAt });

    // An edit made meanwhile with the version read before still applies.
    const edited = await repository.update(workspaceId, agent.id, { description: 'Edited' }, agent.version);
    expect(edited).toMatchObject({ status: 'busy', version: agent.version + 1, description: 'Edited' });
  });

  it('leaves another workspace’s agent alone', async () => {
    const workspaceId = await newWorkspace();
    const agent = await repository.insert(workspaceId, AgentCreateSchema.parse(buildAgentInput()));
    await repository.setRuntimeStatus(await newWorkspace(), agent.id, 'error');
    expect((await repository.findById(workspaceId, agent.id))?.status).toBe('idle');
  });
});
