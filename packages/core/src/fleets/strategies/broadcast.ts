import type { FleetStrategyState } from '@agent-fleet/contracts';
import { compareIds, compareLoad, label, loadNote, noCandidate, scoresInOrder } from './ranking.js';
import type { FleetCandidate, StrategyDecision } from './types.js';

export type BroadcastCombine = 'first_success' | 'majority' | 'aggregator';

/**
 * The member that merges a broadcast's answers: the least loaded eligible member whose role is
 * `aggregator`, or null when there is none.
 */
export function chooseAggregator(candidates: readonly FleetCandidate[]): FleetCandidate | null {
  let best: FleetCandidate | null = null;
  for (const candidate of candidates) {
    if (candidate.role === 'aggregator' && (best === null || compareLoad(candidate, best) < 0)) best = candidate;
  }
  return best;
}

/**
 * Broadcast: every eligible member answers. With `combine: aggregator` the chosen aggregator merges
 * the others' answers instead of answering too (unless it is the only eligible member); with none
 * eligible, the answers are combined by `first_success` and the reason says so. Stateless.
 */
export function broadcast(
  candidates: readonly FleetCandidate[],
  combine: BroadcastCombine,
  state: FleetStrategyState,
): StrategyDecision {
  if (candidates.length === 0) return noCandidate('broadcast', state);
  const aggregator = combine === 'aggregator' ? chooseAggregator(candidates) : null;
  const answerers =
    aggregator !== null && candidates.length > 1
      ? candidates.filter((candidate) => candidate.agentId !== aggregator.agentId)
      : [...candidates];
  const combined =
    combine === 'first_success'
      ? 'the first successful answer wins'
      : combine === 'majority'
        ? 'the answers are combined by majority vote'
        : aggregator !== null
          ? `${label(aggregator)} aggregates the answers`
          : 'no eligible member has the aggregator role, so the first successful answer wins';
  const ranked = [...answerers].sort((a, b) => compareIds(a.agentId, b.agentId));
  if (aggregator !== null && candidates.length > 1) ranked.push(aggregator);
  return {
    strategy: 'broadcast',
    chosen: answerers.map((candidate) => candidate.agentId),
    aggregator: aggregator?.agentId ?? null,
    scores: scoresInOrder(
      candidates,
      ranked,
      () => null,
      (candidate) =>
        candidate === aggregator && candidates.length > 1 ? `aggregator; ${loadNote(candidate)}` : loadNote(candidate),
    ),
    reason: `broadcast to ${answerers.length} eligible member${answerers.length === 1 ? '' : 's'}; ${combined}`,
    state,
  };
}

/** One member's answer to a broadcast. */
export interface BroadcastAnswer {
  agentId: string;
  ok: boolean;
  /** The answer's text (for a failure, its error). */
  text: string;
  /** When it finished, in milliseconds on any one clock. */
  finishedAt: number;
}

/** Earliest first; the same instant goes to the smallest id, so the order never depends on arrival. */
const earliestFirst = (a: BroadcastAnswer, b: BroadcastAnswer): number =>
  a.finishedAt - b.finishedAt || compareIds(a.agentId, b.agentId);

/** `first_success`: the successful answer that finished first (same instant: smallest id), or null if none succeeded. */
export function firstSuccess(answers: readonly BroadcastAnswer[]): BroadcastAnswer | null {
  let best: BroadcastAnswer | null = null;
  for (const answer of answers) {
    if (answer.ok && (best === null || earliestFirst(answer, best) < 0)) best = answer;
  }
  return best;
}

/**
 * What answers are compared by for a vote: Unicode NFKC, lower case, runs of white space as one space,
 * trimmed, without trailing sentence punctuation. "Paris." and " paris" vote together; "Paris, France"
 * does not join them.
 */
export const normaliseAnswer = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[\s.!?。！？]+$/u, '');

export interface MajorityResult {
  /** The winning answer as its earliest voter wrote it. */
  answer: BroadcastAnswer;
  /** Who gave it, earliest first. */
  agentIds: string[];
  votes: number;
  /** Successful answers that voted. */
  total: number;
  /** More than half of the successful answers agree. */
  absolute: boolean;
  /** Another answer had as many votes and lost the tie rule. */
  tied: boolean;
}

/**
 * `majority`: successful answers vote by their normalised text (`normaliseAnswer`); the answer with the
 * most votes wins even without an absolute majority (`absolute` says whether it had one). Tie rule: among
 * answers with equally many votes, the one whose first voter finished earliest wins (the same rule as
 * `first_success`). Null when no answer succeeded.
 */
export function majority(answers: readonly BroadcastAnswer[]): MajorityResult | null {
  const groups = new Map<string, BroadcastAnswer[]>();
  for (const answer of [...answers].filter((a) => a.ok).sort(earliestFirst)) {
    const key = normaliseAnswer(answer.text);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [answer]);
    else group.push(answer);
  }
  let winner: BroadcastAnswer[] | null = null;
  let tied = false;
  let total = 0;
  for (const group of groups.values()) {
    total += group.length;
    // Groups come in the order of their first voter, earliest first, so a later group wins only with more votes.
    if (winner === null || group.length > winner.length) {
      winner = group;
      tied = false;
    } else if (group.length === winner.length) {
      tied = true;
    }
  }
  if (winner === null) return null;
  return {
    answer: winner[0] as BroadcastAnswer,
    agentIds: winner.map((answer) => answer.agentId),
    votes: winner.length,
    total,
    absolute: winner.length * 2 > total,
    tied,
  };
}
