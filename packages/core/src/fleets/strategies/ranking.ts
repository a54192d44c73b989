import type { FleetStrategyState, FleetStrategyType } from '@agent-fleet/contracts';
import type { CandidateScore, FleetCandidate, StrategyDecision } from './types.js';

/** Code-unit order of ids: the same on every machine, unlike `localeCompare`. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** In flight ÷ capacity; a member without capacity counts as full. */
export const loadOf = (candidate: FleetCandidate): number =>
  candidate.maxConcurrent > 0 ? candidate.inFlight / candidate.maxConcurrent : Number.POSITIVE_INFINITY;

/** Least loaded first: the lowest load, then the fewest tasks in flight, then the smallest id. */
export const compareLoad = (a: FleetCandidate, b: FleetCandidate): number =>
  loadOf(a) - loadOf(b) || a.inFlight - b.inFlight || compareIds(a.agentId, b.agentId);

/** How a reason names a member: its name when known, else its id. */
export const label = (candidate: FleetCandidate): string => candidate.name ?? candidate.agentId;

export const loadNote = (candidate: FleetCandidate): string => `in flight ${candidate.inFlight}/${candidate.maxConcurrent}`;

/** Normalises a skill for comparison: trimmed, lower case (agents' skills are stored that way). */
export const normaliseSkill = (skill: string): string => skill.trim().toLowerCase();

/**
 * Scores for candidates already sorted best first: `rank` is the position in `ranked`, and the scores
 * come back in the candidates' own order so a record lists members the same way whatever the strategy.
 */
export function scoresInOrder(
  candidates: readonly FleetCandidate[],
  ranked: readonly FleetCandidate[],
  scoreOf: (candidate: FleetCandidate) => number | null,
  noteOf: (candidate: FleetCandidate) => string,
): CandidateScore[] {
  const rankById = new Map<string, number>();
  ranked.forEach((candidate, index) => rankById.set(candidate.agentId, index + 1));
  return candidates.map((candidate) => ({
    agentId: candidate.agentId,
    score: scoreOf(candidate),
    rank: rankById.get(candidate.agentId) ?? ranked.length + 1,
    note: noteOf(candidate),
  }));
}

/** The decision when nobody can take the task: the caller queues it (or refuses it past the queue limit). */
export const noCandidate = (strategy: FleetStrategyType, state: FleetStrategyState): StrategyDecision => ({
  strategy,
  chosen: [],
  aggregator: null,
  scores: [],
  reason: 'no eligible member: the task waits for one',
  state,
});

/** `1 of 3 eligible` style counts for reasons. */
export const amongEligible = (count: number): string => `among ${count} eligible`;
