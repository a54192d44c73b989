import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test-support.js';
import { fleetTaskClient } from './fleet-tasks.test-support.js';

let t: TestApp;
let owner: SignedIn;
let api: ReturnType<typeof fleetTaskClient>;
beforeEach(async () => {
  t = await createTestApp({ env: { LLM_MAX_ATTEMPTS: 1 } });
  owner = await t.signupOwner();
  api = fleetTaskClient(owner);
});
afterEach(async () => {
  await t.close();
});

interface TreeNode {
  id: string;
  parentId: string | null;
  depth: number;
  agentId: string;
  agentName: string | null;
  kind: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  costUsd: number;
  llmCalls: number;
  placement: { attempt: number; strategy: string; reason: string; as: string } | null;
}
interface TreeBody {
  task: { id: string; costUsd: number; agentTaskIds: string[] };
  nodes: TreeNode[];
  costByAgent: { agentId: string; agentName: string | null; tasks: number; llmCalls: number; costUsd: number }[];
  totalCostUsd: number;
  truncated: boolean;
}

/** Priced mock calls, so every task costs something. */
const PRICED = 'echo?inputTokens=1000&outputTokens=500';

/** A lead that asks its helper when told to "ask", and a helper it may delegate to; tasks needing `lead` go to the lead. */
async function leadAndHelper() {
  const fleetId = await api.fleet();
  const helper = await api.member(fleetId, 'Helper', PRICED);
  const lead = await api.member(fleetId, 'Lead', PRICED, { skills: ['lead'], allowedDelegates: [helper] });
  return { fleetId, lead, helper };
}

const treeOf = (fleetId: string, taskId: string) => owner.client.get(`/api/v1/fleets/${fleetId}/tasks/${taskId}/tree`);

describe('GET /fleets/{id}/tasks/{taskId}/tree', () => {
  it('answers who asked whom: the placed member with its routing reason, its delegate under it, and the cost per agent summing to the total', async () => {
    const { fleetId, lead, helper } = await leadAndHelper();
    const submitted = await api.submit(fleetId, { input: 'Please ask the helper for the weather', skills: ['lead'] });
    expect(submitted.status, submitted.text).toBe(201);
    const done = await api.waitFor(fleetId, submitted.body.id);
    expect(done.status).toBe('succeeded');

    const res = await treeOf(fleetId, done.id);
    expect(res.status, res.text).toBe(200);
    const tree = res.body as TreeBody;
    expect(tree.truncated).toBe(false);
    expect(tree.nodes).toHaveLength(2);
    const [placed, delegated] = tree.nodes as [TreeNode, TreeNode];
    expect(placed).toMatchObject({
      id: done.agentTaskIds[0],
      parentId: null,
      depth: 0,
      agentId: lead,
      agentName: 'Lead',
      kind: 'fleet_task',
      status: 'succeeded',
      placement: { attempt: 1, as: 'chosen' },
    });
    expect(placed.placement?.reason).toBe(done.routing?.[0]?.reason);
    expect(placed.placement?.reason).not.toBe('');
    expect(delegated).toMatchObject({
      parentId: placed.id,
      depth: 1,
      agentId: helper,
      agentName: 'Helper',
      kind: 'agent_tool_call',
      status: 'succeeded',
      placement: null,
    });
    // The delegate ran inside its parent's time.
    expect(Date.parse(delegated.startedAt)).toBeGreaterThanOrEqual(Date.parse(placed.startedAt));
    expect(Date.parse(delegated.finishedAt ?? '')).toBeLessThanOrEqual(Date.parse(placed.finishedAt ?? ''));

    expect(placed.costUsd).toBeGreaterThan(0);
    expect(delegated.costUsd).toBeGreaterThan(0);
    expect(tree.costByAgent.map((row) => row.agentId).sort()).toEqual([lead, helper].sort());
    const leadCost = tree.costByAgent.find((row) => row.agentId === lead);
    expect(leadCost).toMatchObject({ agentName: 'Lead', tasks: 1, llmCalls: placed.llmCalls });
    expect(leadCost?.costUsd).toBeCloseTo(placed.costUsd, 10);
    expect(tree.totalCostUsd).toBeCloseTo(placed.costUsd + delegated.costUsd, 10);
    // The fleet task's own total (from the ledger, through its attempts) agrees with the tree's.
    const task = await owner.client.get(`/api/v1/fleets/${fleetId}/tasks/${done.id}`);
    expect(tree.totalCostUsd).toBeCloseTo(task.body.costUsd as number, 10);
  });

  it('shows a delegated task from the moment it starts, while it and its parent still run', async () => {
    const fleetId = await api.fleet();
    // A helper whose model never answers: the delegation stays open until the task is cancelled.
    const helper = await api.member(fleetId, 'Helper', 'echo?fail=timeout');
    const lead = await api.member(fleetId, 'Lead', PRICED, { skills: ['lead'], allowedDelegates: [helper] });
    const submitted = await api.submit(fleetId, { input: 'Please ask the helper for the weather', skills: ['lead'] });
    expect(submitted.status, submitted.text).toBe(201);
    const taskId = submitted.body.id as string;

    const tree = await vi.waitFor(
      async () => {
        const res = await treeOf(fleetId, taskId);
        expect(res.status, res.text).toBe(200);
        const body = res.body as TreeBody;
        expect(body.nodes).toHaveLength(2);
        return body;
      },
      { timeout: 30_000, interval: 50 },
    );
    // Nothing has ended: the fleet task names no agent task yet, the tree shows both.
    expect(tree.task).toMatchObject({ id: taskId, agentTaskIds: [] });
    const [placed, delegated] = tree.nodes as [TreeNode, TreeNode];
    expect(placed).toMatchObject({
      parentId: null,
      depth: 0,
      agentId: lead,
      status: 'running',
      placement: { attempt: 1, as: 'chosen' },
    });
    expect(delegated).toMatchObject({ parentId: placed.id, depth: 1, agentId: helper, status: 'running', finishedAt: null });

    expect((await owner.client.post(`/api/v1/fleets/${fleetId}/tasks/${taskId}/cancel`)).status).toBe(200);
    await api.waitFor(fleetId, taskId);
  });

  it('answers a queued task with no agent tasks yet', async () => {
    const fleetId = await api.fleet();
    await api.member(fleetId, 'Ada');
    expect((await api.setState('fleets', fleetId, 'paused')).status).toBe(200);
    const submitted = await api.submit(fleetId, { input: 'waits' });
    const res = await treeOf(fleetId, submitted.body.id as string);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      task: { id: submitted.body.id, status: 'queued' },
      nodes: [],
      costByAgent: [],
      totalCostUsd: 0,
    });
  });

  it('answers 404 for an unknown task, a task of another fleet from another workspace, and a malformed id (as every id route does)', async () => {
    const { fleetId } = await leadAndHelper();
    const other = await api.fleet();
    const submitted = await api.submit(fleetId, { input: 'Hello', skills: ['lead'] });
    const taskId = submitted.body.id as string;
    await api.waitFor(fleetId, taskId);

    expect((await treeOf(fleetId, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await treeOf(other, taskId)).status).toBe(404);
    const second = await owner.client.post('/api/v1/workspaces').send({ name: 'Second' });
    expect(second.status).toBe(201);
    const elsewhere = t.client(owner.token, second.body.id as string);
    expect((await elsewhere.get(`/api/v1/fleets/${fleetId}/tasks/${taskId}/tree`)).status).toBe(404);
    const bad = await treeOf(fleetId, 'not-a-uuid');
    expect(bad.status).toBe(404);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});

describe('GET /fleets/{id} members, live', () => {
  it("gives each member its agent's admin and observed state and the fleet's tasks it holds now", async () => {
    const fleetId = await api.fleet();
    const busy = await api.member(fleetId, 'Hangs', 'echo?fail=timeout', { maxConcurrent: 2 });
    const paused = await api.member(fleetId, 'Resting');
    expect((await api.setState('agents', paused, 'paused')).status).toBe(200);
    const running = await api.submit(fleetId, { input: 'never answers' });
    await api.waitFor(fleetId, running.body.id as string, ['running']);

    const members = async () => {
      const res = await owner.client.get(`/api/v1/fleets/${fleetId}`);
      expect(res.status, res.text).toBe(200);
      return new Map((res.body.members as { agentId: string }[]).map((member) => [member.agentId, member]));
    };
    await vi.waitFor(async () => {
      const byId = await members();
      expect(byId.get(busy)).toMatchObject({ adminState: 'active', observedState: 'busy', inFlight: 1, maxConcurrent: 2 });
      expect(byId.get(paused)).toMatchObject({ adminState: 'paused', observedState: 'idle', inFlight: 0 });
    });
    expect((await owner.client.post(`/api/v1/fleets/${fleetId}/tasks/${running.body.id}/cancel`)).status).toBe(200);
    await vi.waitFor(async () => expect((await members()).get(busy)).toMatchObject({ observedState: 'idle', inFlight: 0 }));
  });
});
