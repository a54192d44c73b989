import { describe, expect, it } from 'vitest';
import { FleetStrategyStateSchema, RoutingRecordSchema } from './routing.js';

const agent = '00000000-0000-4000-8000-00000000000a';
const record = {
  strategy: 'least_loaded',
  candidates: [{ agentId: agent, eligible: true, excluded: [], score: 0.25, rank: 1, note: 'in flight 1/4' }],
  chosen: [agent],
  aggregator: null,
  reason: 'least loaded: a',
  decisionMs: 0.04,
};

describe('routing record', () => {
  it('accepts a record as routeTask writes it', () => {
    expect(RoutingRecordSchema.parse(record)).toEqual(record);
  });

  it('rejects an unknown strategy, an unknown exclusion, a rank of 0 and a negative duration', () => {
    const result = RoutingRecordSchema.safeParse({
      ...record,
      strategy: 'random',
      candidates: [{ ...record.candidates[0], excluded: ['tired'], rank: 0 }],
      decisionMs: -1,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'strategy',
      'candidates.0.excluded.0',
      'candidates.0.rank',
      'decisionMs',
    ]);
  });

  it('gives a fleet that never dispatched an empty strategy state', () => {
    expect(FleetStrategyStateSchema.parse({})).toEqual({ cursor: null, currentWeights: {} });
  });
});
