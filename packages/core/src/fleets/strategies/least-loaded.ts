import type { FleetStrategyState } from '@agent-fleet/contracts';
import { amongEligible, compareLoad, label, loadNote, loadOf, noCandidate, scoresInOrder } from './ranking.js';
import type { FleetCandidate, StrategyDecision } from './types.js';

/** Why `winner` beat `runnerUp` under `compareLoad`, in words. */
export function loadTieBreak(winner: FleetCandidate, runnerUp: FleetCandidate | undefined): string {
  if (runnerUp === undefined || loadOf(winner) !== loadOf(runnerUp)) return '';
  if (winner.inFlight !== runnerUp.inFlight) return `; tied on load with ${label(runnerUp)}, fewer in flight`;
  return `; tied with ${label(runnerUp)}, first by id`;
}

const formatLoad = (load: number): string => String(Math.round(load * 1000) / 1000);

/**
 * Least loaded: the lowest in flight ÷ capacity; ties go to the fewest tasks in flight, then to the
 * smallest agent id. Stateless.
 */
export function leastLoaded(candidates: readonly FleetCandidate[], state: FleetStrategyState): StrategyDecision {
  if (candidates.length === 0) return noCandidate('least_loaded', state);
  const ranked = [...candidates].sort(compareLoad);
  const chosen = ranked[0] as FleetCandidate;
  return {
    strategy: 'least_loaded',
    chosen: [chosen.agentId],
    aggregator: null,
    scores: scoresInOrder(candidates, ranked, loadOf, loadNote),
    reason: `least loaded: ${label(chosen)} at ${chosen.inFlight}/${chosen.maxConcurrent} (load ${formatLoad(loadOf(chosen))}), the lowest ${amongEligible(candidates.length)}${loadTieBreak(chosen, ranked[1])}`,
    state,
  };
}
