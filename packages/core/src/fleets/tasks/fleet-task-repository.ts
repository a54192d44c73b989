import type {
  Agent,
  Fleet,
  FleetRoutingRecord,
  FleetStrategyState,
  FleetTask,
  FleetTaskError,
  FleetTaskInput,
  FleetTaskStatus,
  PageTotal,
  RoutingRecord,
  TaskError,
  TaskKind,
  TaskStatus,
  TokenUsage,
} from '@agent-fleet/contracts';
import type { CursorPosition } from '../../cursor.js';
import type { RoutableMember } from '../strategies/types.js';

/** A fleet as placement reads it, its row locked: the registry's view plus the strategy's memory. */
export interface LockedFleet extends Fleet {
  strategyState: FleetStrategyState;
}

/**
 * A member as placement sees it: its membership (with whom it may delegate to), its agent's states and
 * model, and what it holds now.
 */
export type PlacementMember = RoutableMember & { name: string; provider: string; modelId: string; allowedDelegates: string[] };

/** The open tasks of a fleet: waiting for a member, and running. */
export interface FleetOpenCounts {
  queued: number;
  running: number;
}

export interface FleetTaskInsert {
  input: FleetTaskInput;
  skills: string[];
  priority: number;
  idempotencyKey: string | null;
  /** The pipeline step submitting it. Default: none (an API submission). */
  pipelineStep?: FleetTaskPipelineStep;
  /** The span submitting it, as a W3C traceparent, which its attempts' spans hang under. Default: none. */
  traceContext?: string | null;
}

/** A pipeline step a fleet task serves: its agent tasks' ledger rows name the run and the step key. */
export interface FleetTaskPipelineStep {
  runId: string;
  stepRunId: string;
  stepKey: string;
}

/** What a placement writes on the task it claims. */
export interface FleetTaskClaim {
  agentIds: string[];
  aggregatorId: string | null;
  leaseOwner: string;
  leaseMs: number;
}

/**
 * What placing a task as it is submitted writes: the claim, and with it (in the insert's own statement)
 * the attempt's routing record and the strategy's next state.
 */
export interface FleetTaskPlacedInsert extends FleetTaskClaim {
  routing: RoutingRecord;
  /** Written on the fleet; null when the strategy's state did not move. */
  strategyState: FleetStrategyState | null;
}

/**
 * A task just placed, as the placement's statement wrote it, with the agents of its members as that same
 * statement read them: the attempt runs them without reading them again (an agent deleted meanwhile is
 * missing, and its part of the attempt finds it unavailable). Their observed state is placement's, as a
 * member's (offline or idle): the attempt does not use it.
 */
export interface FleetTaskPlacement {
  task: FleetTask;
  agents: Agent[];
}

/** What placement reads of a fleet under its lock: its open tasks and its members, in one statement. */
export interface FleetPlacementView {
  counts: FleetOpenCounts;
  members: PlacementMember[];
}

/** What an attempt spent and ran: added to the task's totals whether it ends the task or not. */
export interface FleetAttemptSpend {
  agentTaskIds: string[];
  usage: TokenUsage;
  costUsd: number;
  llmCalls: number;
}

/** How the task ended. */
export interface FleetTaskEnd extends FleetAttemptSpend {
  status: 'succeeded' | 'failed';
  output: string | null;
  error: FleetTaskError | null;
}

/** A task ready to be sent to the queue again: what a job carries, and its priority. */
export interface FleetTaskRef {
  id: string;
  workspaceId: string;
  fleetId: string;
  priority: number;
  attempt: number;
}

export interface FleetTaskListOptions {
  status?: FleetTaskStatus;
  limit: number;
  after?: CursorPosition;
}

/** An agent task of a fleet task's tree, as storage reads it, with its agent's name (null once deleted). */
export interface FleetTreeAgentTask {
  id: string;
  parentTaskId: string | null;
  agentId: string;
  agentName: string | null;
  kind: TaskKind;
  status: TaskStatus;
  summary: string;
  startedAt: string;
  finishedAt: string | null;
  usage: TokenUsage;
  costUsd: number;
  llmCalls: number;
  error: TaskError | null;
}

export interface FleetRoutingListOptions {
  taskId?: string;
  limit: number;
  after?: CursorPosition;
}

/**
 * Storage of fleet tasks and their routing records, scoped to one workspace where a request names one;
 * the worker-side methods (leases, sweeps) address rows by id. Takes db | tx, so placement, claim and
 * routing record commit together under the fleet's row lock.
 */
export interface FleetTaskRepository {
  /** The fleet, its row locked until the transaction ends: placements and submissions of one fleet take turns. */
  lockFleet(workspaceId: string, fleetId: string): Promise<LockedFleet | null>;
  saveStrategyState(fleetId: string, state: FleetStrategyState): Promise<void>;
  /** Every member with its agent's admin state and model, and `inFlight`: running tasks of this fleet holding it. */
  placementMembers(workspaceId: string, fleetId: string): Promise<PlacementMember[]>;
  /** The fleet's queued and running tasks, counted in one statement. */
  openCounts(fleetId: string): Promise<FleetOpenCounts>;
  /**
   * `openCounts` and `placementMembers` in one statement, for placement under the fleet's lock (taken by an
   * earlier statement: on PostgreSQL, a statement that waited for a row lock still counts with the snapshot
   * it took before waiting).
   */
  placementView(workspaceId: string, fleetId: string): Promise<FleetPlacementView>;
  /** Inserts the task `queued`. */
  insert(workspaceId: string, fleetId: string, task: FleetTaskInsert): Promise<FleetTask>;
  /**
   * Inserts the task placed as it is submitted: `running` (attempt 1) with this claim, its routing record and
   * the strategy's state, in one statement.
   */
  insertPlaced(
    workspaceId: string,
    fleetId: string,
    task: FleetTaskInsert,
    placed: FleetTaskPlacedInsert,
  ): Promise<FleetTaskPlacement>;
  findByIdempotencyKey(workspaceId: string, fleetId: string, key: string): Promise<FleetTask | null>;
  find(workspaceId: string, fleetId: string, taskId: string): Promise<FleetTask | null>;
  /** The failed members of a task, for `cost_aware` escalation. */
  failedAgentIds(taskId: string): Promise<string[]>;
  /** Newest first, up to `limit + 1`. */
  list(workspaceId: string, fleetId: string, options: FleetTaskListOptions): Promise<{ items: FleetTask[] } & PageTotal>;
  /**
   * Claims a queued task (`WHERE status = 'queued'`): null when it is not queued any more. The attempt
   * moves. With the task comes the span that submitted it (`FleetTaskInsert.traceContext`).
   */
  claim(taskId: string, claim: FleetTaskClaim): Promise<(FleetTaskPlacement & { traceContext: string | null }) | null>;
  /** Says why a queued task waits; nothing when it is not queued. */
  setWaiting(taskId: string, reason: string): Promise<void>;
  insertRouting(workspaceId: string, fleetId: string, taskId: string, attempt: number, record: RoutingRecord): Promise<void>;
  /** Newest first, up to `limit + 1`. */
  listRouting(
    workspaceId: string,
    fleetId: string,
    options: FleetRoutingListOptions,
  ): Promise<{ items: FleetRoutingRecord[] } & PageTotal>;
  /** Every routing record of a task, oldest first. */
  routingOfTask(workspaceId: string, taskId: string): Promise<FleetRoutingRecord[]>;
  /**
   * Every agent task run under the fleet task `rootTaskId` (its attempts' tasks and those they
   * delegated, running ones included), by start time, at most `limit` of them (`truncated` when more
   * exist).
   */
  agentTaskTree(
    workspaceId: string,
    rootTaskId: string,
    limit: number,
  ): Promise<{ tasks: FleetTreeAgentTask[]; truncated: boolean }>;
  /**
   * Ends the task with this attempt when it is still this worker's and running, answering the ended row;
   * null otherwise (cancelled, or re-queued). The attempt's spend is added to the task's.
   */
  finish(taskId: string, attempt: number, leaseOwner: string, end: FleetTaskEnd): Promise<FleetTask | null>;
  /**
   * Puts a running attempt of this worker back in the queue, adding its spend (`failedAgentId` joins the
   * failed members, for escalation); null when it is not this worker's running attempt any more.
   */
  requeue(
    taskId: string,
    attempt: number,
    leaseOwner: string,
    failedAgentId: string | null,
    spend: FleetAttemptSpend,
  ): Promise<FleetTaskRef | null>;
  /** Adds a cancelled attempt's spend and agent tasks to its task (cancelling ended it already). */
  addCancelledSpend(taskId: string, spend: FleetAttemptSpend): Promise<void>;
  /** Cancels a queued or running task; null when it has ended (or does not exist). */
  cancel(workspaceId: string, fleetId: string, taskId: string): Promise<{ task: FleetTask; wasRunning: boolean } | null>;
  /** Extends the leases of this worker's running tasks. */
  renewLeases(leaseOwner: string, leaseMs: number): Promise<void>;
  /** Of `taskIds`, those no longer running under this worker (cancelled, or re-queued after it was thought dead). */
  lostLeases(leaseOwner: string, taskIds: readonly string[]): Promise<string[]>;
  /**
   * Running tasks whose lease expired (their worker died), back to `queued`; one lost more than
   * `maxLosses` times fails `lease_lost` instead. Returns the re-queued ones.
   */
  releaseExpired(maxLosses: number, limit: number): Promise<FleetTaskRef[]>;
  /**
   * The queued tasks worth a placement attempt now, in placement order (priority, then age): as many as
   * the fleet has free slots (`maxConcurrency` − running) plus `slack`, so tasks no free member can take
   * do not hold back the ones behind them; none while the fleet is full.
   */
  dispatchable(fleetId: string, slack: number): Promise<FleetTaskRef[]>;
  /** Fleets that have queued tasks and take placements (`active`), for the sweeper. */
  fleetsWithQueued(limit: number): Promise<{ workspaceId: string; fleetId: string }[]>;
  /** Draining fleets with nothing running: they become paused. */
  settledDrains(limit: number): Promise<{ workspaceId: string; fleetId: string }[]>;
}
