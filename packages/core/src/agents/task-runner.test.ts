import { describe, expect, it } from 'vitest';
import type { TaskEvent } from './task-events.js';
import type { TaskRequest } from './task-runner.js';
import { taskRunnerWorld, WORKSPACE } from './task-runner.test-support.js';

const request = (overrides: Partial<TaskRequest> & Pick<TaskRequest, 'agent'>): TaskRequest => ({
  workspaceId: WORKSPACE,
  kind: 'conversation_turn',
  scope: { conversationId: null },
  input: 'What is a fleet?',
  signal: new AbortController().signal,
  ...overrides,
});

const types = (events: TaskEvent[]) => [...new Set(events.map((event) => event.type))];

describe('TaskRunner', () => {
  it('runs a task to its answer, emitting its events, and records the task with what it spent', async () => {
    const world = taskRunnerWorld();
    const agent = world.addAgent();
    const events: TaskEvent[] = [];
    const result = await world.runner.run(request({ agent }), { emit: (event) => events.push(event) });

    expect(result.error).toBeNull();
    expect(result.text).toMatch(/^Mock reply to "What is a fleet\?"/);
    expect(events[0]).toMatchObject({ type: 'task.started', task: { id: result.task.id, status: 'running' } });
    expect(types(events)).toEqual(['task.started', 'text.delta', 'llm.call']);
    const deltas = events.flatMap((event) => (event.type === 'text.delta' ? [event.delta] : []));
    expect(deltas.join('')).toBe(result.text);
    const [call] = world.ledger.rows;
    expect(result.spent).toEqual({ usage: call?.usage, costUsd: call?.costUsd, llmCalls: 1 });
    expect(world.rows.tasks).toEqual([
      expect.objectContaining({ id: result.task.id, status: 'succeeded', usage: call?.usage, llmCalls: 1, error: null }),
    ]);
    expect(result.task).toMatchObject({ status: 'succeeded', systemPrompt: { text: 'Be brief.' } });
  });

  it.each(['paused', 'draining', 'disabled'] as const)(
    'refuses a task of a %s agent (a pipeline agent step runs this way) before storing anything',
    async (adminState) => {
      const world = taskRunnerWorld();
      const agent = world.addAgent({ name: 'Resting', adminState });
      const started = world.runner.run(request({ agent, kind: 'pipeline_step' }));
      await expect(started).rejects.toMatchObject({ code: 'agent_unavailable', message: expect.stringContaining(adminState) });
      expect(world.rows.tasks).toEqual([]);
      expect(world.ledger.rows).toEqual([]);
    },
  );

  it('asks another agent as a tool: a nested task of its own, its spending counted in the total', async () => {
    const world = taskRunnerWorld();
    const researcher = world.addAgent({ name: 'Researcher' });
    const lead = world.addAgent({ name: 'Lead', tools: [`agent:${researcher.id}`] });
    const events: TaskEvent[] = [];
    const result = await world.runner.run(request({ agent: lead, input: 'Please ask the researcher about tides' }), {
      emit: (event) => events.push(event),
    });

    expect(result.error).toBeNull();
    expect(result.toolCalls).toEqual([
      expect.objectContaining({ name: 'ask_researcher', isError: false, output: expect.stringMatching(/^Mock reply to/) }),
    ]);
    expect(events.filter((event) => event.type === 'task.started')).toHaveLength(2);
    expect(types(events)).toEqual(expect.arrayContaining(['tool.call', 'tool.result']));
    const nested = world.rows.tasks.find((task) => task.agentId === researcher.id);
    expect(nested).toMatchObject({ kind: 'agent_tool_call', status: 'succeeded', parentTaskId: result.task.id, llmCalls: 1 });
    // The lead's row counts its own two calls; the result counts all three.
    expect(result.task.llmCalls).toBe(2);
    expect(result.spent.llmCalls).toBe(3);
    const total = world.ledger.rows.reduce((sum, row) => sum + row.costUsd, 0);
    expect(result.spent.costUsd).toBeCloseTo(total, 10);
    expect(result.spent.usage.inputTokens).toBe(world.ledger.rows.reduce((sum, row) => sum + row.usage.inputTokens, 0));
  });

  it('stops at the budget, overshooting by at most one call, and shows the agent in error', async () => {
    const world = taskRunnerWorld();
    const helper = world.addAgent({ name: 'Budget helper' });
    const spender = world.addAgent({
      name: 'Spender',
      model: { provider: 'mock', model: 'echo?tools=always&inputTokens=1000&outputTokens=1000', fallbacks: [] },
      tools: [`agent:${helper.id}`],
      limits: { maxIterations: 10, maxCostPerTaskUsd: 0.001 },
    });
    const result = await world.runner.run(request({ agent: spender }));

    expect(result.error).toMatchObject({ code: 'budget_exceeded', message: expect.stringContaining('$0.001') });
    expect(result.task).toMatchObject({ status: 'failed', error: { code: 'budget_exceeded' } });
    expect(world.ledger.rows).toHaveLength(1);
  });

  it('stops after max iterations, keeping the partial reply', async () => {
    const world = taskRunnerWorld();
    const helper = world.addAgent({ name: 'Loop helper' });
    const looper = world.addAgent({
      name: 'Looper',
      model: { provider: 'mock', model: 'echo?tools=always', fallbacks: [] },
      tools: [`agent:${helper.id}`],
      limits: { maxIterations: 2, maxCostPerTaskUsd: null },
    });
    const result = await world.runner.run(request({ agent: looper, input: 'Go round' }));

    expect(result.error).toMatchObject({ code: 'max_iterations' });
    expect(result.task.status).toBe('failed');
    expect(result.task.llmCalls).toBe(2);
    expect(result.toolCalls).toHaveLength(2);
  });

  it('ends cancelled when stopped, the agent back to idle rather than in error', async () => {
    const world = taskRunnerWorld();
    const agent = world.addAgent({ model: { provider: 'mock', model: 'echo?fail=timeout', fallbacks: [] } });
    const controller = new AbortController();
    const result = await world.runner.run(request({ agent, signal: controller.signal }), {
      // The mock call hangs until aborted: without the stop, this test would never end.
      emit: (event) => {
        if (event.type === 'task.started') setImmediate(() => controller.abort(new DOMException('Stopped', 'AbortError')));
      },
    });

    expect(result.error).toMatchObject({ code: 'aborted' });
    expect(result.task).toMatchObject({ status: 'cancelled', error: { code: 'aborted' } });
  });

  it('falls back to the next model when the first fails, and fails clearly when every model does', async () => {
    const world = taskRunnerWorld();
    const fallbacker = world.addAgent({
      model: { provider: 'mock', model: 'echo?fail=500', fallbacks: [{ provider: 'mock', model: 'free' }] },
    });
    const saved = await world.runner.run(request({ agent: fallbacker }));
    expect(saved).toMatchObject({ error: null, model: 'free', task: { status: 'succeeded', llmCalls: 2 } });
    expect(world.ledger.rows.map((row) => [row.model, row.outcome, row.fallback])).toEqual([
      ['echo?fail=500', 'error', false],
      ['free', 'success', true],
    ]);

    const doomed = world.addAgent({ name: 'Doomed', model: { provider: 'mock', model: 'echo?fail=500', fallbacks: [] } });
    const failed = await world.runner.run(request({ agent: doomed }));
    expect(failed).toMatchObject({ error: { code: 'provider_error' }, text: '', task: { status: 'failed' } });
  });

  it('commits what the caller stores with the task end, or neither, and still ends the task when that fails', async () => {
    const world = taskRunnerWorld();
    const agent = world.addAgent();
    const committed = await world.runner.run(request({ agent }), {
      commit: async (result, { tasks }) => {
        // Inside the transaction, the task is already ended.
        expect((await tasks.find(WORKSPACE, agent.id, result.task.id))?.status).toBe('succeeded');
      },
    });
    expect(committed.task.status).toBe('succeeded');

    const refused = new Error('the reply cannot be stored');
    await expect(
      world.runner.run(request({ agent }), {
        commit: async () => {
          throw refused;
        },
      }),
    ).rejects.toBe(refused);
    const last = world.rows.tasks.at(-1);
    expect(last).toMatchObject({ status: 'failed', error: { code: 'internal_error' } });
  });
});
