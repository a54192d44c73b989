import { describe, expect, it } from 'vitest';
import { makeStepRun } from '../../test/run-fixtures';
import { orderSteps } from './StepList';

describe('orderSteps', () => {
  it('lists top-level steps by start time with each map item right under its map, by index', () => {
    const map = makeStepRun({ stepId: 'each', type: 'map', startedAt: '2026-01-12T10:00:02.000Z' });
    const first = makeStepRun({ stepId: 'fetch', startedAt: '2026-01-12T10:00:01.000Z' });
    const later = makeStepRun({ stepId: 'report', startedAt: null, status: 'pending' });
    const item = (index: number) => makeStepRun({ stepId: 'each', key: `each[${index}]`, parentId: map.id, index });
    const ordered = orderSteps([later, item(1), map, item(0), first]);
    expect(ordered.map(({ step, depth }) => [step.key, depth])).toEqual([
      ['fetch', 0],
      ['each', 0],
      ['each[0]', 1],
      ['each[1]', 1],
      ['report', 0],
    ]);
  });
});
