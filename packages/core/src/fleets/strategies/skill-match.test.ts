import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialStrategyState } from './decide.js';
import { compareLoad } from './ranking.js';
import { skillMatch, skillsHeld } from './skill-match.js';
import { byId, candidate, candidatesArb, skillListArb } from './strategies.test-support.js';
import type { RoutingTask } from './types.js';

const task = (requestedSkills: string[]): RoutingTask => ({ requiredSkills: [], requestedSkills, failedAgentIds: [] });

describe('skill match', () => {
  it('picks the member holding the most requested skills, even when busier', () => {
    const decision = skillMatch(
      [
        candidate('a', { skills: ['search'], inFlight: 0 }),
        candidate('b', { name: 'Reviewer', skills: ['search', 'review', 'code'], inFlight: 3 }),
      ],
      task(['search', 'Review']),
      initialStrategyState(),
    );
    expect(decision.chosen).toEqual(['b']);
    expect(decision.reason).toBe(
      'skill match: Reviewer holds 2 of 2 requested skills (search, review), the most among 2 eligible',
    );
    expect(decision.scores.map((s) => [s.agentId, s.score, s.rank])).toEqual([
      ['a', 1, 2],
      ['b', 2, 1],
    ]);
  });

  it('breaks a tie on overlap by load', () => {
    const decision = skillMatch(
      [candidate('a', { skills: ['sql'], inFlight: 2 }), candidate('b', { skills: ['sql'], inFlight: 1 })],
      task(['sql']),
      initialStrategyState(),
    );
    expect(decision.chosen).toEqual(['b']);
    expect(decision.reason).toContain('tied with a, less loaded');
  });

  it('falls back to the least loaded when nobody holds a requested skill, and says so', () => {
    const decision = skillMatch(
      [candidate('a', { inFlight: 1 }), candidate('b', { inFlight: 0 })],
      task(['translate']),
      initialStrategyState(),
    );
    expect(decision.chosen).toEqual(['b']);
    expect(decision.reason).toBe('skill match: no eligible member holds any of translate; least loaded: b');
  });

  it('property: the chosen member has the largest overlap, and among those the least load', () => {
    fc.assert(
      fc.property(candidatesArb(), skillListArb, (candidates, requested) => {
        const [chosenId] = skillMatch(candidates, task(requested), initialStrategyState()).chosen;
        const chosen = byId(candidates, chosenId);
        const overlap = (c: (typeof candidates)[number]) => skillsHeld(c, requested).length;
        const best = Math.max(...candidates.map(overlap));
        expect(overlap(chosen)).toBe(best);
        for (const other of candidates.filter((c) => overlap(c) === best)) {
          expect(compareLoad(chosen, other)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});
