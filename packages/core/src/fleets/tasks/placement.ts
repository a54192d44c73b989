import type { Agent, FleetTask, RoutingRecord } from '@agent-fleet/contracts';
import type { Repositories } from '../../unit-of-work.js';
import { pruneStrategyState, routeTask, routingTaskFor } from '../strategies/decide.js';
import type { FleetStrategyState } from '@agent-fleet/contracts';
import type { ManagerChoice, RoutingTask, StrategyContext } from '../strategies/types.js';
import type {
  FleetPlacementView,
  FleetTaskInsert,
  FleetTaskRepository,
  LockedFleet,
  PlacementMember,
} from './fleet-task-repository.js';

export interface PlacementOptions {
  /** The worker that will run the task: its lease owner. */
  workerId: string;
  /** How long the lease holds unless renewed. */
  leaseMs: number;
  /** For `cost_aware`: the members' prices, read before the transaction. */
  prices?: StrategyContext['prices'];
  /** For `manager`: what the manager chose (or why asking failed), asked before the transaction. */
  managerChoice?: ManagerChoice | { error: string };
  /**
   * Milliseconds spent deciding before the transaction (asking the manager, reading prices), counted in
   * `decisionMs`; waiting for the fleet's lock is not. Default 0.
   */
  decidedBeforeMs?: number;
}

/** A task placed and committed: what its attempt needs to run without reading the fleet again. */
export interface PlacedTask {
  task: FleetTask;
  /** The fleet as placement read it (its limits bound the attempt's delegations and time). */
  fleet: LockedFleet;
  /** The members as placement read them (their `allowedDelegates` bound delegation). */
  members: PlacementMember[];
  /** The agents the task went to, as placement read them: the attempt runs these. */
  agents: Agent[];
  record: RoutingRecord;
  /** The span that submitted the task (a W3C traceparent), which the attempt's span hangs under; null: none. */
  traceContext: string | null;
}

export type Placement =
  | ({ placed: true } & PlacedTask)
  /** Not placed: the task ended or vanished meanwhile (`reason` null), or it waits, and `reason` says why. */
  | { placed: false; reason: string | null };

/** The members a task goes to and the strategy's next state, or why it waits. */
type Choice =
  { members: PlacementMember[]; record: RoutingRecord; state: FleetStrategyState; agentIds: string[] } | { reason: string };

/**
 * Places one queued task, inside the caller's transaction. The fleet's row is locked first, so every
 * placement (and submission) of a fleet takes its turn: the counts of running tasks read here cannot
 * change before this transaction commits, which is what keeps `maxConcurrency` and each member's
 * `maxConcurrent` true with any number of workers. Eligibility and the strategy decide; the claim
 * (`WHERE status = 'queued'`, so a duplicate delivery finds it taken), the routing record and the
 * strategy's new state are written together. A task nobody can take stays queued with the reason.
 */
export async function placeTask(
  repositories: Repositories,
  workspaceId: string,
  fleetId: string,
  taskId: string,
  options: PlacementOptions,
): Promise<Placement> {
  const { fleetTasks } = repositories;
  const fleet = await fleetTasks.lockFleet(workspaceId, fleetId);
  const task = fleet ? await fleetTasks.find(workspaceId, fleetId, taskId) : null;
  if (!fleet || task?.status !== 'queued') return { placed: false, reason: null };
  const { counts, members } = await fleetTasks.placementView(workspaceId, fleetId);
  const failed = await fleetTasks.failedAgentIds(taskId);
  const routing = routingTaskFor(fleet.strategy, task.skills, failed, task.input);
  const choice = choose(fleet, counts.running, members, routing, options);
  if ('reason' in choice) {
    await fleetTasks.setWaiting(taskId, choice.reason);
    return { placed: false, reason: choice.reason };
  }
  const claimed = await fleetTasks.claim(taskId, claimOf(choice, options));
  if (!claimed) return { placed: false, reason: null };
  await fleetTasks.insertRouting(workspaceId, fleet.id, claimed.task.id, claimed.task.attempt, choice.record);
  const state = movedState(fleet, choice);
  if (state) await fleetTasks.saveStrategyState(fleet.id, state);
  return { placed: true, ...claimed, fleet, members, record: choice.record };
}

/**
 * Places a task as it is submitted, inside the submission's transaction (the fleet's row locked, its open
 * tasks and members read): inserted `running` with its routing record and the strategy's state, all in the
 * insert's statement, so it starts without a trip through the queue. Only when nothing of the fleet waits
 * (a new task never overtakes a queued one, whatever the priorities), and only for strategies that need
 * nothing from outside the database (not `manager`, which asks a model, nor `cost_aware`, which reads
 * prices first). Null when it is to be queued (the queue's placement then says why it waits).
 */
export async function placeOnSubmit(
  fleetTasks: FleetTaskRepository,
  workspaceId: string,
  fleet: LockedFleet,
  { counts, members }: FleetPlacementView,
  insert: FleetTaskInsert,
  options: PlacementOptions,
): Promise<PlacedTask | null> {
  if (counts.queued > 0 || fleet.strategy.type === 'manager' || fleet.strategy.type === 'cost_aware') return null;
  const routing = routingTaskFor(fleet.strategy, insert.skills, [], insert.input);
  const choice = choose(fleet, counts.running, members, routing, options);
  if ('reason' in choice) return null;
  const placed = { ...claimOf(choice, options), routing: choice.record, strategyState: movedState(fleet, choice) };
  const { task, agents } = await fleetTasks.insertPlaced(workspaceId, fleet.id, insert, placed);
  return { task, agents, fleet, members, record: choice.record, traceContext: insert.traceContext ?? null };
}

/** Eligibility and the strategy, after the fleet's own checks. */
function choose(
  fleet: LockedFleet,
  running: number,
  members: PlacementMember[],
  routing: RoutingTask,
  options: PlacementOptions,
): Choice {
  if (fleet.adminState !== 'active') return { reason: `the fleet is ${fleet.adminState}` };
  if (running >= fleet.maxConcurrency) {
    return { reason: `the fleet is at capacity ${running}/${fleet.maxConcurrency}` };
  }
  if (members.length === 0) return { reason: 'the fleet has no members' };
  const context: StrategyContext = {
    ...(options.prices ? { prices: options.prices } : {}),
    ...(options.managerChoice ? { managerChoice: options.managerChoice } : {}),
  };
  const startedAt = performance.now() - (options.decidedBeforeMs ?? 0);
  const { record, state } = routeTask(fleet.strategy, members, routing, fleet.strategyState, context, startedAt);
  if (record.chosen.length === 0) return { reason: record.reason };
  const agentIds = [
    ...record.chosen,
    ...(record.aggregator && !record.chosen.includes(record.aggregator) ? [record.aggregator] : []),
  ];
  return { members, record, state, agentIds };
}

const claimOf = (choice: Extract<Choice, { record: RoutingRecord }>, options: PlacementOptions) => ({
  agentIds: choice.agentIds,
  aggregatorId: choice.record.aggregator,
  leaseOwner: options.workerId,
  leaseMs: options.leaseMs,
});

/** The strategy's next state (without members that left), or null when it did not move and need not be written. */
function movedState(fleet: LockedFleet, choice: Extract<Choice, { record: RoutingRecord }>): FleetStrategyState | null {
  const state = pruneStrategyState(
    choice.state,
    choice.members.map((member) => member.agentId),
  );
  return sameState(state, fleet.strategyState) ? null : state;
}

/** Whether a strategy's state did not move (a one-member round robin's turn), so it need not be written. */
const sameState = (a: FleetStrategyState, b: FleetStrategyState): boolean => {
  const weights = Object.entries(a.currentWeights);
  return (
    a.cursor === b.cursor &&
    weights.length === Object.keys(b.currentWeights).length &&
    weights.every(([agentId, weight]) => b.currentWeights[agentId] === weight)
  );
};
