import type { FleetStrategyState } from '@agent-fleet/contracts';
import { loadTieBreak } from './least-loaded.js';
import { amongEligible, compareLoad, label, noCandidate, normaliseSkill, scoresInOrder } from './ranking.js';
import type { FleetCandidate, RoutingTask, StrategyDecision } from './types.js';

/** The requested skills (normalised, once each) that `candidate` holds. */
export function skillsHeld(candidate: FleetCandidate, requested: readonly string[]): string[] {
  const held = new Set(candidate.skills.map(normaliseSkill));
  return requested.filter((skill) => held.has(skill));
}

/**
 * Skill match: the member holding the most of the task's requested skills; ties go to the least loaded
 * (`compareLoad`). With no skills requested it is least loaded. Stateless.
 */
export function skillMatch(
  candidates: readonly FleetCandidate[],
  task: RoutingTask,
  state: FleetStrategyState,
): StrategyDecision {
  if (candidates.length === 0) return noCandidate('skill_match', state);
  const requested = [...new Set(task.requestedSkills.map(normaliseSkill))];
  const matched = new Map(candidates.map((candidate) => [candidate.agentId, skillsHeld(candidate, requested)]));
  const overlap = (candidate: FleetCandidate) => (matched.get(candidate.agentId) as string[]).length;
  const ranked = [...candidates].sort((a, b) => overlap(b) - overlap(a) || compareLoad(a, b));
  const chosen = ranked[0] as FleetCandidate;
  const runnerUp = ranked[1];
  const best = overlap(chosen);
  let reason: string;
  if (requested.length === 0) {
    reason = `skill match: no skills requested, so the least loaded: ${label(chosen)}`;
  } else if (best === 0) {
    reason = `skill match: no eligible member holds any of ${requested.join(', ')}; least loaded: ${label(chosen)}`;
  } else {
    const tie = runnerUp !== undefined && overlap(runnerUp) === best;
    reason =
      `skill match: ${label(chosen)} holds ${best} of ${requested.length} requested skills ` +
      `(${(matched.get(chosen.agentId) as string[]).join(', ')}), the most ${amongEligible(candidates.length)}` +
      (tie ? `; tied with ${label(runnerUp)}, less loaded${loadTieBreak(chosen, runnerUp)}` : '');
  }
  return {
    strategy: 'skill_match',
    chosen: [chosen.agentId],
    aggregator: null,
    scores: scoresInOrder(candidates, ranked, overlap, (candidate) => {
      const held = matched.get(candidate.agentId) as string[];
      return `holds ${held.length}/${requested.length} requested skills${held.length > 0 ? ` (${held.join(', ')})` : ''}; in flight ${candidate.inFlight}/${candidate.maxConcurrent}`;
    }),
    reason,
    state,
  };
}
