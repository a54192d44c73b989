import type { Agent } from '@agent-fleet/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { delegationFingerprint, fleetDelegationPolicy, PLAIN_DELEGATION_POLICY, RootTaskLimits } from './delegation-limits.js';
import {
  ScriptedCaller,
  scriptedWorld,
  toolErrors,
  type ScriptedMove,
  type ScriptedTurn,
} from './scripted-caller.test-support.js';
import { WORKSPACE } from './task-runner.test-support.js';

const A = crypto.randomUUID();
const B = crypto.randomUUID();
const C = crypto.randomUUID();

const policy = (overrides = {}) => ({ ...PLAIN_DELEGATION_POLICY, ...overrides });
const ask = (from: string, to: string, input = 'Why?', depth = 0) => ({ fromAgentId: from, toAgentId: to, input, depth });

describe('RootTaskLimits', () => {
  it('with a ledger, sums the root task’s spend from it at each refresh, plus this process’s calls since', async () => {
    let ledgerUsd = 0.3;
    const asked: string[] = [];
    const ledger = {
      spentUnder: (workspaceId: string, rootTaskId: string) => {
        asked.push(`${workspaceId}/${rootTaskId}`);
        return Promise.resolve(ledgerUsd);
      },
    };
    const limits = new RootTaskLimits(policy({ budgetUsd: 0.5 }), {
      root: { workspaceId: 'w', rootTaskId: 'fleet-task', ledger },
      priorSpentUsd: 99,
    });
    expect(limits.rootTaskId).toBe('fleet-task');
    await limits.refresh();
    // The ledger holds what another attempt spent; the task's own totals (`priorSpentUsd`) are not used.
    expect(limits.spentUsd).toBeCloseTo(0.3, 10);
    expect(limits.rootTrip()).toBeNull();
    // A call of this process ends: counted at once, before the next read of the ledger.
    limits.spending.add({
      usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
      costUsd: 0.25,
    });
    expect(limits.spentUsd).toBeCloseTo(0.55, 10);
    expect(limits.rootTrip()?.code).toBe('budget_exceeded');
    // The next read finds that call in the ledger: it is not counted twice.
    ledgerUsd = 0.55;
    await limits.refresh();
    expect(limits.spentUsd).toBeCloseTo(0.55, 10);
    expect(asked).toEqual(['w/fleet-task', 'w/fleet-task']);
  });

  it('reads no ledger for a root task without a budget', async () => {
    const ledger = { spentUnder: vi.fn(() => Promise.resolve(1)) };
    const limits = new RootTaskLimits(policy({ budgetUsd: null }), { root: { workspaceId: 'w', rootTaskId: 't', ledger } });
    await limits.refresh();
    expect(ledger.spentUnder).not.toHaveBeenCalled();
    expect(limits.rootTrip()).toBeNull();
  });

  it('fingerprints the normalised input: case and spacing do not make a question new, the direction does', () => {
    expect(delegationFingerprint(A, B, '  What   is\nit? ')).toBe(delegationFingerprint(A, B, 'what is it?'));
    expect(delegationFingerprint(A, B, 'x')).not.toBe(delegationFingerprint(B, A, 'x'));
    expect(delegationFingerprint(A, B, 'x')).not.toBe(delegationFingerprint(A, B, 'y'));
  });

  it('refuses by depth along the chain, counting from the root (depth 0)', () => {
    const limits = new RootTaskLimits(policy({ maxDepth: 2 }));
    expect(limits.admit(ask(A, B, 'q', 0))).toBeNull();
    expect(limits.admit(ask(B, C, 'q', 1))).toBeNull();
    expect(limits.admit(ask(C, A, 'q', 2))).toMatchObject({ code: 'delegation_depth_exceeded', status: 422 });
    expect(limits.mayDelegateFrom(1)).toBe(true);
    expect(limits.mayDelegateFrom(2)).toBe(false);
  });

  it('counts hops per root task, whoever delegates, and refuses the one past the limit', () => {
    const limits = new RootTaskLimits(policy({ maxHops: 3 }));
    for (const input of ['1', '2', '3']) expect(limits.admit(ask(A, B, input))).toBeNull();
    expect(limits.admit(ask(B, C, '4', 1))).toMatchObject({ code: 'delegation_hops_exceeded' });
    expect(limits.hopCount).toBe(3);
  });

  it('a refused delegation is not counted: neither a hop nor a fingerprint', () => {
    const limits = new RootTaskLimits(policy({ maxHops: 1, maxDepth: 1 }));
    expect(limits.admit(ask(A, B, 'deep', 1))).toMatchObject({ code: 'delegation_depth_exceeded' });
    expect(limits.admit(ask(A, B, 'deep', 0))).toBeNull();
  });

  it('inside a fleet, permits only the member’s allowedDelegates, never itself', () => {
    const limits = new RootTaskLimits(
      fleetDelegationPolicy(
        {
          id: crypto.randomUUID(),
          name: 'team',
          limits: { maxDelegationDepth: 3, maxHopsPerRootTask: 20, budgetUsdPerRootTask: null, taskTimeout: '1m' },
        },
        [
          { agentId: A, allowedDelegates: [B] },
          { agentId: B, allowedDelegates: [] },
        ],
      ),
    );
    expect(limits.permits(A, B)).toBe(true);
    expect(limits.permits(A, C)).toBe(false);
    expect(limits.permits(B, A)).toBe(false);
    expect(limits.admit(ask(A, C))).toMatchObject({ code: 'delegation_not_allowed', status: 403 });
    expect(limits.admit(ask(A, A))).toMatchObject({ code: 'delegation_loop' });
    expect(limits.policy.timeoutMs).toBe(60_000);
  });

  it('ends the root task at its budget (prior attempts included) and at its deadline', () => {
    let now = 1_000;
    const limits = new RootTaskLimits(policy({ budgetUsd: 1, timeoutMs: 500 }), { priorSpentUsd: 0.75, now: () => now });
    expect(limits.rootTrip()).toBeNull();
    limits.spending.add({
      usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
      costUsd: 0.25,
    });
    expect(limits.rootTrip()).toMatchObject({ code: 'budget_exceeded' });
    expect(limits.admit(ask(A, B))).toMatchObject({ code: 'budget_exceeded' });
    now = 1_500;
    expect(limits.remainingMs()).toBe(0);
    expect(limits.rootTrip()).toMatchObject({ code: 'task_timeout', status: 408 });
  });
});

describe('TaskRunner under delegation limits', () => {
  afterEach(() => vi.useRealTimers());

  const start = (
    world: ReturnType<typeof scriptedWorld>,
    agent: Agent,
    limits?: RootTaskLimits,
    signal = new AbortController().signal,
  ) =>
    world.runner.run({
      workspaceId: WORKSPACE,
      agent,
      kind: 'fleet_task',
      scope: { conversationId: null },
      input: 'Go',
      signal,
      limits,
    });

  it('offers a fleet member only its allowedDelegates, and refuses a forged call to another agent without creating a task', async () => {
    const seen: string[][] = [];
    const agents: Record<string, Agent> = {};
    const caller = new ScriptedCaller((turn: ScriptedTurn): ScriptedMove => {
      if (turn.agentId !== agents.lead?.id) return { text: 'ok' };
      seen.push(turn.tools);
      return seen.length === 1
        ? {
            toolCalls: [
              { toolName: 'ask_outsider', question: 'Psst' },
              { toolName: 'ask_delegate', question: 'Help' },
            ],
          }
        : { text: 'done' };
    });
    const world = scriptedWorld(caller);
    agents.delegate = world.addAgent({ name: 'delegate' });
    agents.outsider = world.addAgent({ name: 'outsider' });
    // The lead lists the outsider as a tool; in the fleet only the delegate is allowed.
    agents.lead = world.addAgent({ name: 'lead', tools: [`agent:${agents.outsider.id}`] });
    const members = [
      { agentId: agents.lead.id, allowedDelegates: [agents.delegate.id] },
      { agentId: agents.delegate.id, allowedDelegates: [] },
    ];
    const fleetId = crypto.randomUUID();
    const limits = new RootTaskLimits(
      fleetDelegationPolicy(
        {
          id: fleetId,
          name: 'team',
          limits: { maxDelegationDepth: 3, maxHopsPerRootTask: 20, budgetUsdPerRootTask: null, taskTimeout: '10m' },
        },
        members,
      ),
    );
    const result = await start(world, agents.lead, limits);

    expect(result.error).toBeNull();
    expect(seen[0]).toEqual(['ask_delegate']);
    expect(result.toolCalls).toEqual([
      expect.objectContaining({
        name: 'ask_outsider',
        isError: true,
        output: expect.stringContaining('"code":"delegation_not_allowed"'),
      }),
      expect.objectContaining({ name: 'ask_delegate', isError: false, output: 'ok' }),
    ]);
    expect(world.rows.tasks.map((task) => task.agentId).sort()).toEqual([agents.lead.id, agents.delegate.id].sort());
    expect(world.trips.rows).toEqual([
      expect.objectContaining({
        code: 'delegation_not_allowed',
        fromAgentId: agents.lead.id,
        toAgentId: agents.outsider.id,
        fleetId,
      }),
    ]);
  });

  it('keeps the plain depth of 3: the task at depth 3 is offered no tools, and its forged call is refused as too deep', async () => {
    const chain: Agent[] = [];
    const offered: Record<string, string[]> = {};
    const caller = new ScriptedCaller((turn) => {
      const index = chain.findIndex((agent) => agent.id === turn.agentId);
      offered[index] ??= turn.tools;
      const next = chain[index + 1];
      if (next && !toolErrors(turn.messages).length && !turn.messages.some((message) => message.role === 'tool')) {
        return { toolCalls: [{ toolName: `ask_${next.name}`, question: `Level ${index + 1}` }] };
      }
      return { text: `answer ${index}` };
    });
    const world = scriptedWorld(caller);
    for (let index = 0; index < 5; index += 1) chain.push(world.addAgent({ name: `level${index}` }));
    chain.forEach((agent, index) => (agent.tools = chain[index + 1] ? [`agent:${chain[index + 1]?.id}`] : []));
    const result = await start(world, chain[0] as Agent);

    expect(result.error).toBeNull();
    expect(offered).toEqual({ 0: ['ask_level1'], 1: ['ask_level2'], 2: ['ask_level3'], 3: [] });
    expect(world.rows.tasks).toHaveLength(4);
    expect(world.trips.rows).toEqual([expect.objectContaining({ code: 'delegation_depth_exceeded', fromAgentId: chain[3]?.id })]);
  });

  it('refuses the delegation past the hops of a root task with a typed error the model reads', async () => {
    let asked = 0;
    const caller = new ScriptedCaller((turn) =>
      turn.tools.length > 0 && asked < 5
        ? { toolCalls: [{ toolName: 'ask_helper', question: `Item ${(asked += 1)}` }] }
        : { text: 'fine' },
    );
    const world = scriptedWorld(caller);
    const helper = world.addAgent({ name: 'helper' });
    const lead = world.addAgent({ name: 'lead', tools: [`agent:${helper.id}`] });
    const result = await start(world, lead, new RootTaskLimits(policy({ maxHops: 3 })));

    expect(result.error).toBeNull();
    expect(world.rows.tasks).toHaveLength(4);
    expect(toolErrors(result.transcript)).toEqual([
      expect.stringContaining('"code":"delegation_hops_exceeded"'),
      expect.stringContaining('"code":"delegation_hops_exceeded"'),
    ]);
    expect(world.trips.rows.map((trip) => trip.code)).toEqual(['delegation_hops_exceeded', 'delegation_hops_exceeded']);
  });

  it('ends the root task and the task it asked with task_timeout at the root deadline; the child got only the time left', async () => {
    vi.useFakeTimers();
    const caller = new ScriptedCaller((turn) =>
      turn.tools.length > 0 ? { toolCalls: [{ toolName: 'ask_slow', question: 'Take your time' }] } : { hang: true },
    );
    const world = scriptedWorld(caller);
    const slow = world.addAgent({ name: 'slow' });
    const lead = world.addAgent({ name: 'lead', tools: [`agent:${slow.id}`] });
    const running = start(world, lead, new RootTaskLimits(policy({ timeoutMs: 30_000 })));
    await vi.waitFor(() => expect(world.rows.tasks).toHaveLength(2));
    await vi.advanceTimersByTimeAsync(30_000);
    const result = await running;

    expect(result.error).toMatchObject({ code: 'task_timeout' });
    expect(world.rows.tasks.map((task) => [task.status, task.error?.code])).toEqual([
      ['failed', 'task_timeout'],
      ['failed', 'task_timeout'],
    ]);
    expect(world.trips.rows).toEqual([expect.objectContaining({ code: 'task_timeout', taskId: result.task.id })]);
  });

  it('a stop that is not the deadline still cancels, and is no trip', async () => {
    const controller = new AbortController();
    const caller = new ScriptedCaller(() => ({ hang: true }));
    const world = scriptedWorld(caller);
    const lead = world.addAgent({ name: 'lead' });
    const running = start(world, lead, new RootTaskLimits(policy({ timeoutMs: 60_000 })), controller.signal);
    await vi.waitFor(() => expect(world.rows.tasks).toHaveLength(1));
    controller.abort();
    const result = await running;
    expect(result.task.status).toBe('cancelled');
    expect(world.trips.rows).toEqual([]);
  });
});
