import type { FleetStrategyState } from '@agent-fleet/contracts';
import { amongEligible, compareLoad, label, noCandidate, scoresInOrder } from './ranking.js';
import type { FleetCandidate, RoutingTask, StrategyContext, StrategyDecision } from './types.js';

export interface CostAwareOptions {
  /** After a failure the task goes to the cheapest member stronger (dearer) than those that failed. Default true. */
  escalateOnFailure: boolean;
}

const MILLION = 1_000_000;

/** The estimated USD a member's model charges for the expected tokens, or null when its model is unpriced. */
export function estimateUsd(candidate: FleetCandidate, context: StrategyContext): number | null {
  const prices = context.prices?.[candidate.model];
  if (prices === undefined) return null;
  const tokens = context.expectedTokens ?? { input: MILLION, output: MILLION };
  return (prices.input * tokens.input + prices.output * tokens.output) / MILLION;
}

const formatUsd = (usd: number): string => `$${Number(usd.toPrecision(6))}`;

/**
 * Cost aware: the cheapest member by its model's price (the estimate of `estimateUsd`; an unpriced model
 * ranks after every priced one), ties to the least loaded. Price stands for strength: with
 * `escalateOnFailure`, a task that failed goes to the cheapest member dearer than the dearest that failed,
 * or, when none is dearer, to the cheapest not yet tried; a member that failed is never chosen again, and
 * when all have failed nobody is. Without it, failures are ignored (the cheapest retries). Stateless.
 */
export function costAware(
  candidates: readonly FleetCandidate[],
  task: RoutingTask,
  state: FleetStrategyState,
  context: StrategyContext,
  options: CostAwareOptions,
): StrategyDecision {
  if (candidates.length === 0) return noCandidate('cost_aware', state);
  const estimates = new Map(candidates.map((candidate) => [candidate.agentId, estimateUsd(candidate, context)]));
  const priceOf = (candidate: FleetCandidate) => estimates.get(candidate.agentId) ?? Number.POSITIVE_INFINITY;
  const cheapestFirst = (a: FleetCandidate, b: FleetCandidate) =>
    priceOf(a) === priceOf(b) ? compareLoad(a, b) : priceOf(a) < priceOf(b) ? -1 : 1;
  const failed = new Set(options.escalateOnFailure ? task.failedAgentIds : []);
  const noteOf = (candidate: FleetCandidate) => {
    const prices = context.prices?.[candidate.model];
    const price =
      prices === undefined
        ? `${candidate.model} unpriced`
        : `${candidate.model} $${prices.input} in / $${prices.output} out per 1M tokens`;
    return failed.has(candidate.agentId) ? `${price}; already failed this task` : price;
  };

  if (failed.size === 0) {
    const ranked = [...candidates].sort(cheapestFirst);
    const chosen = ranked[0] as FleetCandidate;
    const estimate = estimates.get(chosen.agentId) ?? null;
    const reason =
      estimate === null
        ? `cost aware: no eligible member's model is priced; least loaded: ${label(chosen)}`
        : `cost aware: ${label(chosen)} is the cheapest ${amongEligible(candidates.length)} (${chosen.model}, ${formatUsd(estimate)} estimated)`;
    return decision(chosen, ranked, reason);
  }

  // Escalation: the failed members' prices are looked up among all members, since one that failed may no
  // longer be eligible. An unpriced failure says nothing of strength and sets no floor.
  const everyone = new Map((context.members ?? candidates).map((member) => [member.agentId, member]));
  const failedPrices = [...failed].flatMap((agentId) => {
    const member = everyone.get(agentId);
    const estimate = member === undefined ? null : estimateUsd(member, context);
    return estimate === null ? [] : [estimate];
  });
  const floor = failedPrices.length > 0 ? Math.max(...failedPrices) : Number.NEGATIVE_INFINITY;
  const untried = candidates.filter((candidate) => !failed.has(candidate.agentId));
  const stronger = untried.filter((candidate) => priceOf(candidate) > floor).sort(cheapestFirst);
  const sideways = untried.filter((candidate) => priceOf(candidate) <= floor).sort(cheapestFirst);
  const tried = candidates.filter((candidate) => failed.has(candidate.agentId)).sort(cheapestFirst);
  const ranked = [...stronger, ...sideways, ...tried];
  const failures = [...failed].map((agentId) => everyone.get(agentId)?.name ?? agentId).join(', ');
  const chosen = stronger[0] ?? sideways[0];
  if (chosen === undefined) {
    return decision(undefined, ranked, `cost aware: every eligible member already failed this task (${failures})`);
  }
  const estimate = estimates.get(chosen.agentId) ?? null;
  const price = estimate === null ? `${chosen.model}, unpriced` : `${chosen.model}, ${formatUsd(estimate)} estimated`;
  const above = Number.isFinite(floor) ? ` than ${formatUsd(floor)}` : '';
  const reason =
    stronger[0] === chosen
      ? `cost aware: escalated after ${failures} failed; ${label(chosen)} is the cheapest stronger member${above} (${price})`
      : `cost aware: after ${failures} failed no stronger member is eligible; ${label(chosen)} is the cheapest not yet tried (${price})`;
  return decision(chosen, ranked, reason);

  function decision(winner: FleetCandidate | undefined, order: FleetCandidate[], why: string): StrategyDecision {
    return {
      strategy: 'cost_aware',
      chosen: winner === undefined ? [] : [winner.agentId],
      aggregator: null,
      scores: scoresInOrder(candidates, order, (candidate) => estimates.get(candidate.agentId) ?? null, noteOf),
      reason: why,
      state,
    };
  }
}
