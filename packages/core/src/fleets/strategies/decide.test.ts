import fc from 'fast-check';
import { FLEET_STRATEGIES, FleetStrategySchema, RoutingRecordSchema, type FleetStrategy } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { decide, initialStrategyState, pruneStrategyState, routeTask, routingTaskFor } from './decide.js';
import { member, membersArb, PRICES, skillListArb, strategyArb } from './strategies.test-support.js';

describe('decide', () => {
  it('dispatches every strategy type to its own strategy', () => {
    const candidates = [member('a', { role: 'aggregator' }), member('b')];
    for (const type of FLEET_STRATEGIES) {
      const strategy = FleetStrategySchema.parse(type === 'broadcast' ? { type, combine: 'aggregator' } : { type });
      const decision = decide(strategy, candidates, routingTaskFor(strategy), initialStrategyState(), {
        managerChoice: { agentId: 'b', reason: 'b is idle' },
      });
      expect(decision.strategy).toBe(type);
      expect(decision.chosen.length).toBeGreaterThan(0);
    }
  });

  it('treats submitted skills as requirements, except under skill_match where they are preferences', () => {
    expect(routingTaskFor({ type: 'least_loaded' }, ['sql'])).toMatchObject({
      requiredSkills: ['sql'],
      requestedSkills: ['sql'],
    });
    expect(routingTaskFor({ type: 'skill_match' }, ['sql'])).toMatchObject({ requiredSkills: [], requestedSkills: ['sql'] });
  });

  it('prunes remembered weights of agents that left the fleet', () => {
    expect(pruneStrategyState({ cursor: 'x', currentWeights: { a: 1, x: -1 } }, ['a'])).toEqual({
      cursor: 'x',
      currentWeights: { a: 1 },
    });
  });
});

describe('routeTask', () => {
  const ids = {
    a: '00000000-0000-4000-8000-00000000000a',
    b: '00000000-0000-4000-8000-00000000000b',
    c: '00000000-0000-4000-8000-00000000000c',
  };

  it('writes a routing record with every member, its score or why it was left out, the choice and the time taken', () => {
    const strategy: FleetStrategy = { type: 'least_loaded' };
    const { record, state } = routeTask(
      strategy,
      [
        member(ids.a, { name: 'a', inFlight: 1, maxConcurrent: 2 }),
        member(ids.b, { name: 'b', inFlight: 2, maxConcurrent: 2 }),
        member(ids.c, { name: 'c', adminState: 'paused' }),
      ],
      routingTaskFor(strategy),
      initialStrategyState(),
    );
    expect(RoutingRecordSchema.parse(record)).toEqual(record);
    expect(record.chosen).toEqual([ids.a]);
    expect(record.reason).toBe(
      'least loaded: a at 1/2 (load 0.5), the lowest among 1 eligible (excluded: b: at capacity 2/2; c: paused)',
    );
    expect(record.candidates.map((c) => [c.agentId, c.eligible, c.excluded, c.rank, c.note])).toEqual([
      [ids.a, true, [], 1, 'in flight 1/2'],
      [ids.b, false, ['at_capacity'], null, 'at capacity 2/2'],
      [ids.c, false, ['not_active'], null, 'paused'],
    ]);
    expect(record.decisionMs).toBeGreaterThanOrEqual(0);
    expect(state).toEqual(initialStrategyState());
  });

  it('counts the time since startedAt, so a manager decision includes the model call', () => {
    const strategy: FleetStrategy = { type: 'manager' };
    const members = [member(ids.a), member(ids.b)];
    const startedAt = performance.now() - 50;
    const { record } = routeTask(
      strategy,
      members,
      routingTaskFor(strategy),
      initialStrategyState(),
      {
        managerChoice: { agentId: ids.b, reason: 'b knows the domain' },
      },
      startedAt,
    );
    expect(record.chosen).toEqual([ids.b]);
    expect(record.reason).toBe(`manager chose ${ids.b}: b knows the domain`);
    expect(record.decisionMs).toBeGreaterThanOrEqual(50);
  });

  it('property: whatever the strategy, members and task, only eligible members are chosen, and someone is when anyone can be', () => {
    fc.assert(
      fc.property(
        strategyArb,
        membersArb,
        skillListArb,
        fc.option(fc.stringMatching(/^[a-h][0-9]?$/), { nil: undefined }),
        (strategy, members, skills, managerPick) => {
          const task = routingTaskFor(strategy, skills);
          const { record } = routeTask(strategy, members, task, initialStrategyState(), {
            prices: PRICES,
            ...(managerPick === undefined ? {} : { managerChoice: { agentId: managerPick, reason: 'pick' } }),
          });
          const eligible = members
            .filter(
              (m) =>
                m.adminState === 'active' &&
                m.observedState !== 'offline' &&
                m.inFlight < m.maxConcurrent &&
                task.requiredSkills.every((skill) => m.skills.includes(skill)),
            )
            .map((m) => m.agentId);
          for (const id of record.chosen) expect(eligible).toContain(id);
          if (record.aggregator !== null) expect(eligible).toContain(record.aggregator);
          expect(record.chosen.length > 0).toBe(eligible.length > 0);
          if (strategy.type !== 'broadcast') expect(record.chosen.length).toBeLessThanOrEqual(1);
          expect(record.candidates).toHaveLength(members.length);
        },
      ),
    );
  });
});
