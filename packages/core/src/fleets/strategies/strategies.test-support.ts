import fc from 'fast-check';
import type { FleetStrategy } from '@agent-fleet/contracts';
import type { FleetCandidate, RoutableMember, StrategyPriceCatalogue } from './types.js';

/** Builds a candidate with sensible defaults for example tests. */
export const candidate = (agentId: string, fields: Partial<FleetCandidate> = {}): FleetCandidate => ({
  agentId,
  role: 'worker',
  weight: 1,
  maxConcurrent: 4,
  skills: [],
  inFlight: 0,
  model: 'mid',
  ...fields,
});

export const member = (agentId: string, fields: Partial<RoutableMember> = {}): RoutableMember => ({
  ...candidate(agentId),
  adminState: 'active',
  observedState: 'idle',
  ...fields,
});

export const SKILLS = ['search', 'review', 'code', 'sql', 'translate'] as const;
export const MODELS = ['cheap', 'mid', 'strong', 'premium', 'mystery'] as const;

/** A catalogue in which `mystery` is unpriced and two models cost the same, so ties happen. */
export const PRICES: StrategyPriceCatalogue = {
  cheap: { input: 0.1, output: 0.4 },
  mid: { input: 0.4, output: 1.6 },
  strong: { input: 2, output: 8 },
  premium: { input: 2, output: 8 },
};

const skillsArb = fc.subarray([...SKILLS]);

/** An eligible-looking candidate (below capacity); ids are short and may be few, so ties are common. */
export const candidateArb: fc.Arbitrary<FleetCandidate> = fc
  .record({
    agentId: fc.stringMatching(/^[a-h][0-9]?$/),
    role: fc.constantFrom('manager', 'worker', 'reviewer', 'aggregator'),
    weight: fc.integer({ min: 1, max: 10 }),
    maxConcurrent: fc.integer({ min: 1, max: 6 }),
    skills: skillsArb,
    model: fc.constantFrom(...MODELS),
    busy: fc.nat(),
  })
  .map(({ busy, ...fields }) => ({ ...fields, inFlight: busy % fields.maxConcurrent }));

export const candidatesArb = (minLength = 1, maxLength = 12): fc.Arbitrary<FleetCandidate[]> =>
  fc.uniqueArray(candidateArb, { minLength, maxLength, selector: (c) => c.agentId });

/** Any member: any states, possibly at capacity. */
export const membersArb: fc.Arbitrary<RoutableMember[]> = fc.uniqueArray(
  fc
    .record({
      base: candidateArb,
      adminState: fc.constantFrom('active', 'active', 'paused', 'draining', 'disabled'),
      observedState: fc.constantFrom('idle', 'busy', 'error', 'offline'),
      full: fc.boolean(),
    })
    .map(({ base, adminState, observedState, full }) => ({
      ...base,
      inFlight: full ? base.maxConcurrent : base.inFlight,
      adminState,
      observedState,
    })),
  { maxLength: 12, selector: (m) => m.agentId },
);

export const strategyArb: fc.Arbitrary<FleetStrategy> = fc.oneof(
  fc.record({ type: fc.constant('round_robin' as const), weighted: fc.boolean() }),
  fc.constant({ type: 'least_loaded' as const }),
  fc.constant({ type: 'skill_match' as const }),
  fc.record({ type: fc.constant('cost_aware' as const), escalateOnFailure: fc.boolean() }),
  fc.constant({ type: 'manager' as const }),
  fc.record({
    type: fc.constant('broadcast' as const),
    combine: fc.constantFrom('first_success' as const, 'majority' as const, 'aggregator' as const),
  }),
);

export const skillListArb = fc.subarray([...SKILLS], { maxLength: 3 });

/** The candidate with this id; throws (failing the test) when there is none. */
export function byId<T extends FleetCandidate>(candidates: readonly T[], agentId: string | undefined): T {
  const found = candidates.find((c) => c.agentId === agentId);
  if (found === undefined)
    throw new Error(`No candidate ${String(agentId)} among ${candidates.map((c) => c.agentId).join(', ')}`);
  return found;
}
