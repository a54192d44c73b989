import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costAware, estimateUsd } from './cost-aware.js';
import { initialStrategyState } from './decide.js';
import { byId, candidate, candidatesArb, PRICES } from './strategies.test-support.js';
import type { FleetCandidate, RoutingTask, StrategyContext } from './types.js';

const task = (failedAgentIds: string[] = []): RoutingTask => ({ requiredSkills: [], requestedSkills: [], failedAgentIds });
const context: StrategyContext = { prices: PRICES };
const escalate = { escalateOnFailure: true };
const priceOf = (c: FleetCandidate) => estimateUsd(c, context) ?? Number.POSITIVE_INFINITY;

const fleet = [
  candidate('a', { model: 'strong' }),
  candidate('b', { model: 'cheap' }),
  candidate('c', { model: 'mid' }),
  candidate('d', { model: 'mystery' }),
];

describe('cost aware', () => {
  it('picks the member whose model is cheapest', () => {
    const decision = costAware(fleet, task(), initialStrategyState(), context, escalate);
    expect(decision.chosen).toEqual(['b']);
    expect(decision.reason).toBe('cost aware: b is the cheapest among 4 eligible (cheap, $0.5 estimated)');
    expect(decision.scores.map((s) => [s.agentId, s.score, s.rank])).toEqual([
      ['a', 10, 3],
      ['b', 0.5, 1],
      ['c', 2, 2],
      ['d', null, 4],
    ]);
    expect(decision.scores[3]?.note).toBe('mystery unpriced');
  });

  it('prices the expected tokens when given', () => {
    const decision = costAware(
      fleet,
      task(),
      initialStrategyState(),
      { ...context, expectedTokens: { input: 1000, output: 500 } },
      escalate,
    );
    expect(decision.scores[1]?.score).toBeCloseTo(0.0003, 10);
  });

  it('escalates after a failure to the cheapest stronger member, and says so', () => {
    const decision = costAware(fleet, task(['b']), initialStrategyState(), context, escalate);
    expect(decision.chosen).toEqual(['c']);
    expect(decision.reason).toBe(
      'cost aware: escalated after b failed; c is the cheapest stronger member than $0.5 (mid, $2 estimated)',
    );
  });

  it('escalates past a failed member that is no longer eligible, by its price among all members', () => {
    const eligible = fleet.filter((c) => c.agentId !== 'c');
    const decision = costAware(eligible, task(['c']), initialStrategyState(), { ...context, members: fleet }, escalate);
    expect(decision.chosen).toEqual(['a']);
  });

  it('goes sideways when no stronger member is eligible, and says so', () => {
    const decision = costAware(
      [candidate('a', { model: 'strong' }), candidate('b', { model: 'cheap' })],
      task(['a']),
      initialStrategyState(),
      context,
      escalate,
    );
    expect(decision.chosen).toEqual(['b']);
    expect(decision.reason).toContain('no stronger member is eligible; b is the cheapest not yet tried');
  });

  it('chooses nobody when every eligible member already failed', () => {
    const decision = costAware(fleet.slice(0, 2), task(['a', 'b']), initialStrategyState(), context, escalate);
    expect(decision.chosen).toEqual([]);
    expect(decision.reason).toBe('cost aware: every eligible member already failed this task (a, b)');
  });

  it('without escalation retries the cheapest even after it failed', () => {
    const decision = costAware(fleet, task(['b']), initialStrategyState(), context, { escalateOnFailure: false });
    expect(decision.chosen).toEqual(['b']);
  });

  it('property: with no failures the chosen model is the cheapest (unpriced last)', () => {
    fc.assert(
      fc.property(candidatesArb(), (candidates) => {
        const [chosenId] = costAware(candidates, task(), initialStrategyState(), context, escalate).chosen;
        const chosen = byId(candidates, chosenId);
        expect(priceOf(chosen)).toBe(Math.min(...candidates.map(priceOf)));
      }),
    );
  });

  it('property: escalating after each failure never repeats a failed member, never gets cheaper while a stronger one is left, and ends with nobody', () => {
    fc.assert(
      fc.property(candidatesArb(), (candidates) => {
        const failed: string[] = [];
        for (let attempt = 0; attempt <= candidates.length; attempt += 1) {
          const decision = costAware(candidates, task(failed), initialStrategyState(), context, escalate);
          const [chosenId] = decision.chosen;
          if (chosenId === undefined) break;
          expect(failed).not.toContain(chosenId);
          const chosen = byId(candidates, chosenId);
          const floor = Math.max(
            Number.NEGATIVE_INFINITY,
            ...candidates.filter((c) => failed.includes(c.agentId) && estimateUsd(c, context) !== null).map(priceOf),
          );
          const stronger = candidates.filter((c) => !failed.includes(c.agentId) && priceOf(c) > floor);
          if (stronger.length > 0) expect(priceOf(chosen)).toBe(Math.min(...stronger.map(priceOf)));
          failed.push(chosenId);
        }
        expect(new Set(failed).size).toBe(candidates.length);
        expect(costAware(candidates, task(failed), initialStrategyState(), context, escalate).chosen).toEqual([]);
      }),
    );
  });
});
