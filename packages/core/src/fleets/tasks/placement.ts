import type { FleetTask, RoutingRecord } from '@agent-fleet/contracts';
import type { Repositories } from '../../unit-of-work.js';
import { pruneStrategyState, routeTask, routingTaskFor } from '../strategies/decide.js';
import type { ManagerChoice, StrategyContext } from '../strategies/types.js';
import type { LockedFleet } from './fleet-task-repository.js';

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

export type Placement =
  | { placed: true; task: FleetTask; fleet: LockedFleet; record: RoutingRecord }
  /** Not placed: the task ended or vanished meanwhile (`reason` null), or it waits, and `reason` says why. */
  | { placed: false; reason: string | null };

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
  const wait = async (reason: string): Promise<Placement> => {
    await fleetTasks.setWaiting(taskId, reason);
    return { placed: false, reason };
  };
  if (fleet.adminState !== 'active') return wait(`the fleet is ${fleet.adminState}`);
  const running = await fleetTasks.countByStatus(fleetId, 'running');
  if (running >= fleet.maxConcurrency) return wait(`the fleet is at capacity ${running}/${fleet.maxConcurrency}`);
  const members = await fleetTasks.placementMembers(workspaceId, fleetId);
  if (members.length === 0) return wait('the fleet has no members');
  const failed = await fleetTasks.failedAgentIds(taskId);
  const routingTask = routingTaskFor(fleet.strategy, task.skills, failed, task.input);
  const context: StrategyContext = {
    ...(options.prices ? { prices: options.prices } : {}),
    ...(options.managerChoice ? { managerChoice: options.managerChoice } : {}),
  };
  const startedAt = performance.now() - (options.decidedBeforeMs ?? 0);
  const { record, state } = routeTask(fleet.strategy, members, routingTask, fleet.strategyState, context, startedAt);
  if (record.chosen.length === 0) return wait(record.reason);
  const agentIds = [
    ...record.chosen,
    ...(record.aggregator && !record.chosen.includes(record.aggregator) ? [record.aggregator] : []),
  ];
  const claimed = await fleetTasks.claim(taskId, {
    agentIds,
    aggregatorId: record.aggregator,
    leaseOwner: options.workerId,
    leaseMs: options.leaseMs,
  });
  if (!claimed) return { placed: false, reason: null };
  await fleetTasks.insertRouting(workspaceId, fleetId, taskId, claimed.attempt, record);
  await fleetTasks.saveStrategyState(
    fleetId,
    pruneStrategyState(
      state,
      members.map((member) => member.agentId),
    ),
  );
  return { placed: true, task: claimed, fleet, record };
}
