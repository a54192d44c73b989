import { z } from 'zod';

/** How a fleet places a task among its eligible members (docs/fleets.md). */
export const FLEET_STRATEGIES = ['round_robin', 'least_loaded', 'skill_match', 'cost_aware', 'manager', 'broadcast'] as const;
export type FleetStrategyType = (typeof FLEET_STRATEGIES)[number];

/** How a broadcast's answers become the task's result. */
export const BROADCAST_COMBINES = ['first_success', 'majority', 'aggregator'] as const;

/**
 * A fleet's strategy and its configuration, one object per strategy. Every strategy but `manager` is a
 * pure function of the candidates; `manager` asks the fleet's manager member's model to choose.
 */
export const FleetStrategySchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('round_robin'),
      /** Members are picked in proportion to their `weight` (default false: in turn). */
      weighted: z.boolean().default(false),
    }),
    z.strictObject({ type: z.literal('least_loaded') }),
    z.strictObject({ type: z.literal('skill_match') }),
    z.strictObject({
      type: z.literal('cost_aware'),
      /** After a failure the task goes to the next cheapest member (default true). */
      escalateOnFailure: z.boolean().default(true),
    }),
    z.strictObject({ type: z.literal('manager') }),
    z.strictObject({
      type: z.literal('broadcast'),
      combine: z.enum(BROADCAST_COMBINES),
    }),
  ])
  .meta({ id: 'FleetStrategy' });
export type FleetStrategy = z.infer<typeof FleetStrategySchema>;
export type FleetStrategyInput = z.input<typeof FleetStrategySchema>;
