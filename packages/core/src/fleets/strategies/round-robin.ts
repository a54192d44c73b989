import type { FleetStrategyState } from '@agent-fleet/contracts';
import { amongEligible, compareIds, label, noCandidate, scoresInOrder } from './ranking.js';
import type { FleetCandidate, StrategyDecision } from './types.js';

/**
 * Plain round robin: members take turns in the order of their agent ids. The state keeps the last member
 * served (`cursor`), so the next turn goes to the first eligible id after it, wrapping around. An id
 * rather than an index: the turn survives members joining, leaving or being skipped while busy.
 */
export function roundRobin(candidates: readonly FleetCandidate[], state: FleetStrategyState): StrategyDecision {
  if (candidates.length === 0) return noCandidate('round_robin', state);
  const inTurn = [...candidates].sort((a, b) => compareIds(a.agentId, b.agentId));
  const cursor = state.cursor;
  const next =
    cursor === null
      ? 0
      : Math.max(
          0,
          inTurn.findIndex((candidate) => candidate.agentId > cursor),
        );
  const ranked = [...inTurn.slice(next), ...inTurn.slice(0, next)];
  const chosen = ranked[0] as FleetCandidate;
  const reason =
    cursor === null
      ? `round robin: ${label(chosen)} takes the first turn ${amongEligible(candidates.length)}`
      : `round robin: ${label(chosen)} is next in turn after ${cursor} ${amongEligible(candidates.length)}`;
  return {
    strategy: 'round_robin',
    chosen: [chosen.agentId],
    aggregator: null,
    scores: scoresInOrder(
      candidates,
      ranked,
      () => null,
      (candidate) => `turn ${ranked.indexOf(candidate) + 1} of ${ranked.length}`,
    ),
    reason,
    state: { ...state, cursor: chosen.agentId },
  };
}

/** A weight as smooth weighted round robin uses it: a finite number ≥ 0. */
const effectiveWeight = (weight: number): number => (Number.isFinite(weight) && weight > 0 ? weight : 0);

/**
 * Smooth weighted round robin, as nginx does it (`ngx_http_upstream_get_peer`): on each pick every
 * eligible member's current weight grows by its weight, the highest current weight wins (ties: smallest
 * id), and the winner's current weight drops by the total. Among the same members, from zero: every
 * run of `total` picks gives each member exactly `weight` of them, no member is ever a whole pick ahead
 * of its share (`weight ÷ total × picks`), and picks interleave (5:1:1 gives a a b a c a a, not
 * a a a a a b c). A member can fall behind its share by a little more than one pick between those
 * points (weights 13:23:9:1:1:1:1:1:91:91:91:37:25:91 reach 1.41); nginx's rule does not bound that by
 * one. A member skipped while busy keeps its current weight; members with no positive weight share in
 * turn only when no member has one.
 */
export function weightedRoundRobin(candidates: readonly FleetCandidate[], state: FleetStrategyState): StrategyDecision {
  if (candidates.length === 0) return noCandidate('round_robin', state);
  const allZero = candidates.every((candidate) => effectiveWeight(candidate.weight) === 0);
  const weightOf = (candidate: FleetCandidate) => (allZero ? 1 : effectiveWeight(candidate.weight));
  // Values by candidate index: lookups by uuid key cost more than everything else a decision does.
  const values = candidates.map((candidate) => (state.currentWeights[candidate.agentId] ?? 0) + weightOf(candidate));
  let total = 0;
  let bestIndex = 0;
  candidates.forEach((candidate, index) => {
    total += weightOf(candidate);
    const value = values[index] as number;
    const bestValue = values[bestIndex] as number;
    const bestId = (candidates[bestIndex] as FleetCandidate).agentId;
    if (value > bestValue || (value === bestValue && candidate.agentId < bestId)) bestIndex = index;
  });
  const chosen = candidates[bestIndex] as FleetCandidate;
  const current = { ...state.currentWeights };
  candidates.forEach((candidate, index) => {
    current[candidate.agentId] = (values[index] as number) - (index === bestIndex ? total : 0);
  });
  const order = candidates.map((_, index) => index);
  order.sort(
    (a, b) =>
      (values[b] as number) - (values[a] as number) ||
      compareIds((candidates[a] as FleetCandidate).agentId, (candidates[b] as FleetCandidate).agentId),
  );
  const ranked = order.map((index) => candidates[index] as FleetCandidate);
  const scoreByCandidate = new Map(candidates.map((candidate, index) => [candidate, values[index] as number]));
  const scoreOf = (candidate: FleetCandidate) => scoreByCandidate.get(candidate) as number;
  const share = `weight ${weightOf(chosen)} of ${total}${allZero ? ', no member has a positive weight: in turn' : ''}`;
  return {
    strategy: 'round_robin',
    chosen: [chosen.agentId],
    aggregator: null,
    scores: scoresInOrder(candidates, ranked, scoreOf, (candidate) => `weight ${weightOf(candidate)}`),
    reason: `weighted round robin: ${label(chosen)} (${share}) had the highest current weight, ${scoreOf(chosen)}, ${amongEligible(candidates.length)}`,
    state: { ...state, currentWeights: current },
  };
}
