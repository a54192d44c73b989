import type { Agent } from '@agent-fleet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAIN_DELEGATION_POLICY, RootTaskLimits, type DelegationPolicy } from './delegation-limits.js';
import {
  ScriptedCaller,
  scriptedWorld,
  toolErrors,
  type ScriptedMove,
  type ScriptedTurn,
} from './scripted-caller.test-support.js';
import { WORKSPACE } from './task-runner.test-support.js';

/** Seeded, so a failure replays; 1,000 task trees per property over in-memory rows and an in-memory model. */
const RUNS = { numRuns: 1000, seed: 20261207 };

const fleetPolicy = (agents: readonly Agent[], delegates: (agent: Agent) => Agent[], limits: Partial<DelegationPolicy>) => ({
  ...PLAIN_DELEGATION_POLICY,
  fleetId: crypto.randomUUID(),
  allowedDelegates: new Map(agents.map((agent) => [agent.id, new Set(delegates(agent).map((other) => other.id))])),
  ...limits,
});

const question = fc.string({ minLength: 1, maxLength: 40 }).filter((text) => text.trim() !== '');
/** The same question as the model may rephrase it: other case, other spacing. */
const restyle = (text: string, style: number): string =>
  [text, text.toUpperCase(), `  ${text.replace(/ /g, '   ')} `, text.toLowerCase()][style % 4] as string;

async function runTree(
  caller: ScriptedCaller,
  setUp: (world: ReturnType<typeof scriptedWorld>) => { root: Agent; limits: RootTaskLimits },
) {
  const world = scriptedWorld(caller);
  const { root, limits } = setUp(world);
  const result = await world.runner.run({
    workspaceId: WORKSPACE,
    agent: root,
    kind: 'fleet_task',
    scope: { conversationId: null },
    input: 'Start',
    signal: new AbortController().signal,
    limits,
  });
  return { world, result };
}

describe('delegation limits over 1,000 seeded task trees', () => {
  it('stops a ping-pong pair every time: each direction of the same question runs once, then is refused as a loop', async () => {
    await fc.assert(
      fc.asyncProperty(
        question,
        fc.integer({ min: 2, max: 6 }),
        fc.boolean(),
        fc.integer({ min: 2, max: 10 }),
        async (text, maxIterations, inFleet, maxDepth) => {
          let style = 0;
          const pair: Agent[] = [];
          const caller = new ScriptedCaller((turn: ScriptedTurn): ScriptedMove => {
            const other = pair.find((agent) => agent.id !== turn.agentId) as Agent;
            return { toolCalls: [{ toolName: `ask_${other.name}`, question: restyle(text, (style += 1)) }] };
          });
          const { world, result } = await runTree(caller, (world) => {
            const ping = world.addAgent({ name: 'ping', limits: { maxIterations, maxCostPerTaskUsd: null } });
            const pong = world.addAgent({
              name: 'pong',
              tools: [`agent:${ping.id}`],
              limits: { maxIterations, maxCostPerTaskUsd: null },
            });
            ping.tools = [`agent:${pong.id}`];
            pair.push(ping, pong);
            const policy = inFleet
              ? fleetPolicy(pair, (agent) => pair.filter((other) => other !== agent), { maxDepth, maxHops: 1000 })
              : { ...PLAIN_DELEGATION_POLICY, maxDepth };
            return { root: ping, limits: new RootTaskLimits(policy) };
          });
          // ping, pong asked by ping, ping asked by pong: the third ask repeats the first.
          expect(world.rows.tasks.length).toBeLessThanOrEqual(3);
          expect(world.rows.tasks.every((task) => task.status !== 'running')).toBe(true);
          expect(result.task.status).toBe('failed');
          expect(world.trips.rows.length).toBeGreaterThan(0);
          expect(world.trips.rows.every((trip) => trip.code === 'delegation_loop')).toBe(true);
          expect(toolErrors(result.transcript).join()).toContain('"code":"delegation_loop"');
        },
      ),
      RUNS,
    );
  });

  it('stops a self-loop every time: no task is created for an agent asking itself', async () => {
    await fc.assert(
      fc.asyncProperty(question, fc.integer({ min: 1, max: 8 }), fc.boolean(), async (text, maxIterations, inFleet) => {
        const caller = new ScriptedCaller(() => ({ toolCalls: [{ toolName: 'ask_narcissus', question: text }] }));
        const { world, result } = await runTree(caller, (world) => {
          const self = world.addAgent({ name: 'narcissus', limits: { maxIterations, maxCostPerTaskUsd: null } });
          self.tools = [`agent:${self.id}`];
          const policy = inFleet ? fleetPolicy([self], () => [self], {}) : PLAIN_DELEGATION_POLICY;
          return { root: self, limits: new RootTaskLimits(policy) };
        });
        expect(world.rows.tasks).toHaveLength(1);
        expect(result.error?.code).toBe('max_iterations');
        expect(world.trips.rows).toHaveLength(maxIterations);
        expect(world.trips.rows.every((trip) => trip.code === 'delegation_loop' && trip.toAgentId === self(world))).toBe(true);
      }),
      RUNS,
    );
    function self(world: ReturnType<typeof scriptedWorld>) {
      return world.rows.agents[0]?.id;
    }
  });

  it('stops an over-budget chain every time, overshooting the root budget by at most one model call', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 8 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0.05, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 20 }),
        async (length, budgetUsd, shares) => {
          let asked = 0;
          let calls = 0;
          const chain: Agent[] = [];
          // Each call costs a seeded share of the budget; the root alone could spend 2.5 budgets.
          const costOf = () => (shares[calls++ % shares.length] as number) * budgetUsd;
          const caller = new ScriptedCaller((turn) => {
            const next = chain[chain.findIndex((agent) => agent.id === turn.agentId) + 1];
            // The last agent answers; every other asks the next one something new each time.
            return next ? { toolCalls: [{ toolName: `ask_${next.name}`, question: `Step ${(asked += 1)}` }] } : { text: 'Done' };
          }, costOf);
          const { world, result } = await runTree(caller, (world) => {
            for (let index = 0; index < length; index += 1) {
              chain.push(world.addAgent({ name: `link${index}`, limits: { maxIterations: 50, maxCostPerTaskUsd: null } }));
            }
            chain.forEach((agent, index) => (agent.tools = chain[index + 1] ? [`agent:${chain[index + 1]?.id}`] : []));
            const policy = fleetPolicy(chain, (agent) => chain.slice(chain.indexOf(agent) + 1, chain.indexOf(agent) + 2), {
              maxDepth: 10,
              maxHops: 1000,
              budgetUsd,
            });
            return { root: chain[0] as Agent, limits: new RootTaskLimits(policy) };
          });
          const largestCall = Math.max(...caller.ledger.map((row) => row.costUsd));
          expect(result.error?.code).toBe('budget_exceeded');
          expect(caller.spentUsd).toBeGreaterThanOrEqual(budgetUsd);
          expect(caller.spentUsd - budgetUsd).toBeLessThanOrEqual(largestCall + 1e-12);
          // Finished links answered; the ones in flight when the budget ran out end with it.
          const unfinished = world.rows.tasks.filter((task) => task.status !== 'succeeded');
          expect(unfinished.every((task) => task.status === 'failed' && task.error?.code === 'budget_exceeded')).toBe(true);
          expect(world.trips.rows).toEqual([expect.objectContaining({ code: 'budget_exceeded', taskId: result.task.id })]);
        },
      ),
      RUNS,
    );
  });
});
