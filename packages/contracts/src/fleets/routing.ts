import { z } from 'zod';
import { FLEET_STRATEGIES } from './strategy.js';

/** Why a fleet member could not take a task (docs/fleets.md, "Distribution strategies"). */
export const ROUTING_EXCLUSIONS = ['not_active', 'offline', 'at_capacity', 'missing_skills'] as const;
export type RoutingExclusion = (typeof ROUTING_EXCLUSIONS)[number];

/**
 * One member as the routing decision saw it. An eligible member has the strategy's `score` and its `rank`
 * (1 = first choice); an excluded one has neither, and `excluded` says why. `note` is the same in words
 * ("in flight 1/4", "at capacity 2/2", "$0.40 in / $1.60 out per 1M tokens").
 */
export const RoutingCandidateSchema = z
  .object({
    agentId: z.uuid(),
    eligible: z.boolean(),
    excluded: z.array(z.enum(ROUTING_EXCLUSIONS)),
    /**
     * The strategy's own measure, in its own unit: the load (in flight ÷ capacity) for `least_loaded`, the
     * number of requested skills held for `skill_match`, the estimated USD per task for `cost_aware`, the
     * smooth weighted round robin's current weight for weighted `round_robin`. Null when it has none.
     */
    score: z.number().nullable(),
    rank: z.int().min(1).nullable(),
    note: z.string(),
  })
  .meta({ id: 'RoutingCandidate' });
export type RoutingCandidate = z.infer<typeof RoutingCandidateSchema>;

/** What one dispatch decided and why: the answer to "why this agent?". */
export const RoutingRecordSchema = z
  .object({
    strategy: z.enum(FLEET_STRATEGIES),
    /** Every member considered, eligible or not. */
    candidates: z.array(RoutingCandidateSchema),
    /** The member(s) the task went to: one, all eligible ones for `broadcast`, none when nobody could take it. */
    chosen: z.array(z.uuid()),
    /** The member that merges a broadcast's answers (`combine: aggregator`), else null. */
    aggregator: z.uuid().nullable(),
    reason: z.string(),
    /** How long eligibility and the strategy took, in milliseconds (the manager's model call included). */
    decisionMs: z.number().min(0),
  })
  .meta({ id: 'RoutingRecord' });
export type RoutingRecord = z.infer<typeof RoutingRecordSchema>;

/**
 * What a strategy remembers between dispatches, stored with the fleet and handed back on the next one:
 * the last member round robin gave a task to, and the smooth weighted round robin's current weights.
 */
export const FleetStrategyStateSchema = z
  .object({
    cursor: z.string().nullable().default(null),
    currentWeights: z.record(z.string(), z.number()).default({}),
  })
  .meta({ id: 'FleetStrategyState' });
export type FleetStrategyState = z.infer<typeof FleetStrategyStateSchema>;
