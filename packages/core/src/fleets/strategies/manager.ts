import type { FleetStrategyState } from '@agent-fleet/contracts';
import { z } from 'zod';
import { leastLoaded } from './least-loaded.js';
import { label, noCandidate, scoresInOrder } from './ranking.js';
import type { FleetCandidate, ManagerChoice, RoutingTask, StrategyDecision } from './types.js';

/** The structured output a manager's model must return: one candidate's id and why. */
export const ManagerChoiceSchema = z.strictObject({
  agentId: z.string().min(1).max(200),
  reason: z.string().trim().min(1).max(1000),
});

/**
 * The port through which the `manager` strategy asks the fleet's manager member's model to choose. An
 * adapter prompts the model with the candidates and the task and parses its reply with
 * `ManagerChoiceSchema`; it may throw. The choice is never trusted: `validateManagerChoice` checks it.
 */
export interface ManagerChooser {
  choose(candidates: readonly FleetCandidate[], task: RoutingTask, signal?: AbortSignal): Promise<ManagerChoice>;
}

/** Asks the manager, turning a throw or a reply of the wrong shape into `{ error }` for `validateManagerChoice`. */
export async function askManager(
  chooser: ManagerChooser,
  candidates: readonly FleetCandidate[],
  task: RoutingTask,
  signal?: AbortSignal,
): Promise<ManagerChoice | { error: string }> {
  try {
    const parsed = ManagerChoiceSchema.safeParse(await chooser.choose(candidates, task, signal));
    return parsed.success
      ? parsed.data
      : { error: `its reply did not match the schema: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Turns the manager's choice into a decision, trusting only a choice among the eligible candidates. A
 * choice of anyone else (an ineligible member, an invented id), a failed call or no choice at all falls
 * back to `least_loaded`, and the reason says so.
 */
export function validateManagerChoice(
  choice: ManagerChoice | { error: string } | undefined,
  candidates: readonly FleetCandidate[],
  state: FleetStrategyState,
): StrategyDecision {
  if (candidates.length === 0) return noCandidate('manager', state);
  const chosen = choice !== undefined && 'agentId' in choice ? candidates.find((c) => c.agentId === choice.agentId) : undefined;
  if (chosen !== undefined && choice !== undefined && 'agentId' in choice) {
    const others = candidates.filter((candidate) => candidate !== chosen);
    return {
      strategy: 'manager',
      chosen: [chosen.agentId],
      aggregator: null,
      scores: scoresInOrder(
        candidates,
        [chosen, ...others],
        () => null,
        (candidate) => (candidate === chosen ? 'chosen by the manager' : 'not chosen'),
      ),
      reason: `manager chose ${label(chosen)}: ${choice.reason}`,
      state,
    };
  }
  const why =
    choice === undefined
      ? 'the manager made no choice'
      : 'error' in choice
        ? `asking the manager failed (${choice.error})`
        : `the manager chose ${choice.agentId}, which is not an eligible candidate`;
  const fallback = leastLoaded(candidates, state);
  return { ...fallback, strategy: 'manager', reason: `${why}; fell back to ${fallback.reason}` };
}
