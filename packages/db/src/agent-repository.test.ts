import { storedModelAgent } from '@agent-fleet/core';
import { AgentCreateSchema } from '@agent-fleet/contracts';
import { buildAgentInput, createTestDatabase, insertWorkspace } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleAgentRepository } from './agent-repository.js';
import { DrizzleAgentTaskRepository } from './agent-task-repository.js';
import { agentAdminStates } from './agent-lifecycle-schema.js';
import type { DatabaseHandle } from './database.js';

let handle: DatabaseHandle;
let repository: DrizzleAgentRepository;

beforeAll(async () => {
  handle = await createTestDatabase();
  repository = new DrizzleAgentRepository(handle.db);
});
afterAll(() => handle.close());

describe('DrizzleAgentRepository.list', () => {
  it('filters by the derived observed state and the admin state, in SQL, with totals to match', async () => {
    const workspaceId = await insertWorkspace(handle.db, 'Agents');
    const add = (name: string) =>
      repository.insert(workspaceId, storedModelAgent(AgentCreateSchema.parse(buildAgentInput({ name }))));
    const idle = await add('Idle');
    const working = await add('Working');
    const paused = await add('Paused');
    await new DrizzleAgentTaskRepository(handle.db).insert(workspaceId, {
      agentId: working.id,
      kind: 'conversation_turn',
      conversationId: null,
      parentTaskId: null,
      summary: 'Busy',
      owner: 'test-host:1:tests',
    });
    await handle.db.insert(agentAdminStates).values({ agentId: paused.id, workspaceId, adminState: 'paused' });
    const names = async (options: { observedState?: ('idle' | 'busy')[]; adminState?: ('active' | 'paused')[] }) => {
      const page = await repository.list(workspaceId, { limit: 10, sort: 'name', ...options });
      return { names: page.items.map((agent) => agent.name), total: page.total };
    };

    expect(await names({ observedState: ['busy'] })).toEqual({ names: ['Working'], total: 1 });
    expect(await names({ observedState: ['idle'] })).toEqual({ names: ['Idle', 'Paused'], total: 2 });
    expect(await names({ adminState: ['paused'] })).toEqual({ names: ['Paused'], total: 1 });
    expect(await names({ adminState: ['active'], observedState: ['idle', 'busy'] })).toEqual({
      names: ['Idle', 'Working'],
      total: 2,
    });
    expect((await repository.findById(workspaceId, idle.id))?.observedState).toBe('idle');
  });
});
