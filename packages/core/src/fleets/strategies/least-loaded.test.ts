import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialStrategyState } from './decide.js';
import { leastLoaded } from './least-loaded.js';
import { loadOf } from './ranking.js';
import { byId, candidate, candidatesArb } from './strategies.test-support.js';

describe('least loaded', () => {
  it('picks the lowest in-flight ÷ capacity, not the fewest in flight', () => {
    const decision = leastLoaded(
      [candidate('a', { inFlight: 1, maxConcurrent: 2 }), candidate('b', { inFlight: 2, maxConcurrent: 8 })],
      initialStrategyState(),
    );
    expect(decision.chosen).toEqual(['b']);
    expect(decision.reason).toBe('least loaded: b at 2/8 (load 0.25), the lowest among 2 eligible');
    expect(decision.scores).toEqual([
      { agentId: 'a', score: 0.5, rank: 2, note: 'in flight 1/2' },
      { agentId: 'b', score: 0.25, rank: 1, note: 'in flight 2/8' },
    ]);
  });

  it('breaks a tie on load by fewer tasks in flight, then by id', () => {
    const onLoad = leastLoaded(
      [candidate('a', { inFlight: 2, maxConcurrent: 4 }), candidate('b', { inFlight: 1, maxConcurrent: 2 })],
      initialStrategyState(),
    );
    expect(onLoad.chosen).toEqual(['b']);
    expect(onLoad.reason).toContain('tied on load with a, fewer in flight');
    const onId = leastLoaded([candidate('b'), candidate('a')], initialStrategyState());
    expect(onId.chosen).toEqual(['a']);
    expect(onId.reason).toContain('tied with b, first by id');
  });

  it('chooses nobody when there is no candidate, and says the task waits', () => {
    const decision = leastLoaded([], initialStrategyState());
    expect(decision.chosen).toEqual([]);
    expect(decision.reason).toBe('no eligible member: the task waits for one');
  });

  it('property: the chosen member has the minimum load, and the fewest in flight among those', () => {
    fc.assert(
      fc.property(candidatesArb(), (candidates) => {
        const [chosenId] = leastLoaded(candidates, initialStrategyState()).chosen;
        const chosen = byId(candidates, chosenId);
        const minLoad = Math.min(...candidates.map(loadOf));
        expect(loadOf(chosen)).toBe(minLoad);
        const atMin = candidates.filter((c) => loadOf(c) === minLoad);
        expect(chosen.inFlight).toBe(Math.min(...atMin.map((c) => c.inFlight)));
      }),
    );
  });
});
