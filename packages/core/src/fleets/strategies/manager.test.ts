import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialStrategyState } from './decide.js';
import { leastLoaded } from './least-loaded.js';
import { askManager, validateManagerChoice, type ManagerChooser } from './manager.js';
import { candidate, candidatesArb } from './strategies.test-support.js';
import type { RoutingTask } from './types.js';

const task: RoutingTask = { requiredSkills: [], requestedSkills: [], failedAgentIds: [], input: 'Summarise the report' };
const members = [candidate('a', { inFlight: 2 }), candidate('b', { name: 'Writer', inFlight: 1 })];

describe('manager', () => {
  it('accepts a choice among the eligible candidates, with the manager’s reason', () => {
    const decision = validateManagerChoice({ agentId: 'a', reason: 'a wrote the last report' }, members, initialStrategyState());
    expect(decision.chosen).toEqual(['a']);
    expect(decision.strategy).toBe('manager');
    expect(decision.reason).toBe('manager chose a: a wrote the last report');
    expect(decision.scores.find((s) => s.agentId === 'a')).toMatchObject({ rank: 1, note: 'chosen by the manager' });
  });

  it('falls back to least loaded when the manager picks someone who is not a candidate', () => {
    const decision = validateManagerChoice({ agentId: 'z', reason: 'z is great' }, members, initialStrategyState());
    expect(decision.chosen).toEqual(['b']);
    expect(decision.strategy).toBe('manager');
    expect(decision.reason).toBe(
      'the manager chose z, which is not an eligible candidate; fell back to least loaded: Writer at 1/4 (load 0.25), the lowest among 2 eligible',
    );
  });

  it('falls back when asking the manager failed or it replied out of schema', async () => {
    const throwing: ManagerChooser = { choose: () => Promise.reject(new Error('provider timed out')) };
    const sloppy: ManagerChooser = { choose: () => Promise.resolve({ agentId: 'a' } as never) };
    const failed = validateManagerChoice(await askManager(throwing, members, task), members, initialStrategyState());
    expect(failed.chosen).toEqual(['b']);
    expect(failed.reason).toMatch(/^asking the manager failed \(provider timed out\); fell back to least loaded/);
    const invalid = await askManager(sloppy, members, task);
    expect(invalid).toMatchObject({ error: expect.stringContaining('did not match the schema') });
  });

  it('passes the candidates and the task to the chooser', async () => {
    const seen: unknown[] = [];
    const chooser: ManagerChooser = {
      choose: (candidates, t) => {
        seen.push(
          candidates.map((c) => c.agentId),
          t.input,
        );
        return Promise.resolve({ agentId: 'b', reason: 'free' });
      },
    };
    expect(await askManager(chooser, members, task)).toEqual({ agentId: 'b', reason: 'free' });
    expect(seen).toEqual([['a', 'b'], 'Summarise the report']);
  });

  it('property: any choice outside the candidates falls back to the least loaded one, with the reason saying so', () => {
    fc.assert(
      fc.property(candidatesArb(), fc.stringMatching(/^[a-z][0-9]?$/), (candidates, pick) => {
        const decision = validateManagerChoice({ agentId: pick, reason: 'because' }, candidates, initialStrategyState());
        const ids = candidates.map((c) => c.agentId);
        expect(ids).toContain(decision.chosen[0]);
        if (ids.includes(pick)) {
          expect(decision.chosen).toEqual([pick]);
        } else {
          expect(decision.chosen).toEqual(leastLoaded(candidates, initialStrategyState()).chosen);
          expect(decision.reason).toContain('not an eligible candidate; fell back to least loaded');
        }
      }),
    );
  });
});
