import type { FleetStrategy, FleetStrategyState, RoutingCandidate, RoutingRecord } from '@agent-fleet/contracts';
import { broadcast } from './broadcast.js';
import { costAware } from './cost-aware.js';
import { eligibleMembers, type Eligibility } from './eligibility.js';
import { leastLoaded } from './least-loaded.js';
import { validateManagerChoice } from './manager.js';
import { roundRobin, weightedRoundRobin } from './round-robin.js';
import { skillMatch } from './skill-match.js';
import type { FleetCandidate, RoutableMember, RoutingTask, StrategyContext, StrategyDecision } from './types.js';

/** The state of a fleet that has never dispatched. */
export const initialStrategyState = (): FleetStrategyState => ({ cursor: null, currentWeights: {} });

/** Drops remembered weights of agents no longer in the fleet, so the stored state does not grow forever. */
export const pruneStrategyState = (state: FleetStrategyState, memberIds: Iterable<string>): FleetStrategyState => {
  const keep = new Set(memberIds);
  return {
    cursor: state.cursor,
    currentWeights: Object.fromEntries(Object.entries(state.currentWeights).filter(([agentId]) => keep.has(agentId))),
  };
};

/**
 * The task as strategies see it, from the skills it was submitted with. Under `skill_match` the skills
 * are preferences (a member with some of them ranks above one with fewer, and one with none can still
 * take the task); under every other strategy they are requirements that eligibility enforces.
 */
export function routingTaskFor(
  strategy: FleetStrategy,
  skills: readonly string[] = [],
  failedAgentIds: readonly string[] = [],
  input?: unknown,
): RoutingTask {
  const required = strategy.type === 'skill_match' ? [] : skills;
  return { requiredSkills: required, requestedSkills: skills, failedAgentIds, input };
}

/**
 * Picks among eligible candidates with the fleet's strategy. Pure: the same arguments give the same
 * decision, and the strategy's memory travels in `state` and comes back in `decision.state`. `manager`
 * only validates the choice already made (`askManager` → `context.managerChoice`).
 */
export function decide(
  strategy: FleetStrategy,
  candidates: readonly FleetCandidate[],
  task: RoutingTask,
  state: FleetStrategyState,
  context: StrategyContext = {},
): StrategyDecision {
  switch (strategy.type) {
    case 'round_robin':
      return strategy.weighted ? weightedRoundRobin(candidates, state) : roundRobin(candidates, state);
    case 'least_loaded':
      return leastLoaded(candidates, state);
    case 'skill_match':
      return skillMatch(candidates, task, state);
    case 'cost_aware':
      return costAware(candidates, task, state, context, { escalateOnFailure: strategy.escalateOnFailure });
    case 'manager':
      return validateManagerChoice(context.managerChoice, candidates, state);
    case 'broadcast':
      return broadcast(candidates, strategy.combine, state);
    default:
      return unreachable(strategy);
  }
}

const unreachable = (strategy: never): never => {
  throw new Error(`Unknown fleet strategy ${JSON.stringify(strategy)}`);
};

/** Eligibility and the strategy's decision as one routing record (the reason names the excluded, too). */
export function toRoutingRecord(eligibility: Eligibility, decision: StrategyDecision, decisionMs: number): RoutingRecord {
  const scored = new Map(decision.scores.map((score) => [score.agentId, score]));
  const candidates: RoutingCandidate[] = [
    ...eligibility.eligible.map((member) => {
      const score = scored.get(member.agentId);
      return {
        agentId: member.agentId,
        eligible: true,
        excluded: [],
        score: score?.score ?? null,
        rank: score?.rank ?? null,
        note: score?.note ?? '',
      };
    }),
    ...eligibility.excluded.map(({ member, reasons, note }) => ({
      agentId: member.agentId,
      eligible: false,
      excluded: reasons,
      score: null,
      rank: null,
      note,
    })),
  ];
  const left = eligibility.excluded.map(({ member, note }) => `${member.name ?? member.agentId}: ${note}`);
  return {
    strategy: decision.strategy,
    candidates,
    chosen: decision.chosen,
    aggregator: decision.aggregator,
    reason: left.length > 0 ? `${decision.reason} (excluded: ${left.join('; ')})` : decision.reason,
    decisionMs,
  };
}

export interface RouteResult {
  record: RoutingRecord;
  decision: StrategyDecision;
  /** The state to store for the next dispatch (`decision.state`). */
  state: FleetStrategyState;
}

/**
 * Places a task: eligibility over all members, then the strategy, timed, as the routing record a dispatch
 * writes. `context.members` defaults to `members`. For `manager`, ask first (`eligibleMembers`, then
 * `askManager` into `context.managerChoice`) and pass when that began as `startedAt`
 * (`performance.now()`), so `decisionMs` includes the model call.
 */
export function routeTask(
  strategy: FleetStrategy,
  members: readonly RoutableMember[],
  task: RoutingTask,
  state: FleetStrategyState,
  context: StrategyContext = {},
  startedAt: number = performance.now(),
): RouteResult {
  const eligibility = eligibleMembers(members, task.requiredSkills);
  const decision = decide(strategy, eligibility.eligible, task, state, { members, ...context });
  const record = toRoutingRecord(eligibility, decision, performance.now() - startedAt);
  return { record, decision, state: decision.state };
}
