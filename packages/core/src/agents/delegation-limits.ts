import { createHash } from 'node:crypto';
import type { Fleet, FleetMember } from '@agent-fleet/contracts';
import { AppError } from '../app-error.js';
import { parseDuration } from '../pipelines/engine/durations.js';
import { Spending } from './spending.js';

/** The hard limits on agents handing work to agents, enforced by the task runner (never by the model). */
export interface DelegationPolicy {
  /** How deep delegation may go along the parent-task chain (the root task is depth 0). */
  maxDepth: number;
  /** Delegations (not model calls) one root task may make in all. */
  maxHops: number;
  /** Spending cap of the root task and every task under it, in USD; null: none (each agent's own cap still holds). */
  budgetUsd: number | null;
  /** How long the root task may take, in ms; its tasks get what is left. Null: no deadline. */
  timeoutMs: number | null;
  /**
   * Who may hand work to whom, by agent id: inside a fleet, each member's `allowedDelegates` (an agent not
   * listed may delegate to no one). Null: any agent the delegating agent lists as an `agent:<id>` tool.
   */
  allowedDelegates: ReadonlyMap<string, ReadonlySet<string>> | null;
  /** The fleet whose limits these are, named on trip records; null for plain agents. */
  fleetId: string | null;
  /** That fleet's name, the `fleet` label of the task metrics; null for plain agents. */
  fleetName: string | null;
}

/** Plain agents (outside fleets): depth 3 as always, 20 delegations per root task, no root budget or deadline. */
export const PLAIN_DELEGATION_POLICY: DelegationPolicy = Object.freeze({
  maxDepth: 3,
  maxHops: 20,
  budgetUsd: null,
  timeoutMs: null,
  allowedDelegates: null,
  fleetId: null,
  fleetName: null,
});

/** A fleet task's policy: the fleet's limits, and each member may delegate only to its `allowedDelegates`. */
export function fleetDelegationPolicy(
  { id: fleetId, name: fleetName, limits }: Pick<Fleet, 'id' | 'name' | 'limits'>,
  members: readonly Pick<FleetMember, 'agentId' | 'allowedDelegates'>[],
): DelegationPolicy {
  return {
    maxDepth: limits.maxDelegationDepth,
    maxHops: limits.maxHopsPerRootTask,
    budgetUsd: limits.budgetUsdPerRootTask,
    timeoutMs: parseDuration(limits.taskTimeout),
    allowedDelegates: new Map(members.map((member) => [member.agentId, new Set(member.allowedDelegates)])),
    fleetId,
    fleetName,
  };
}

/** One delegation asked for: who asks whom what, from how deep in the chain. */
export interface DelegationRequest {
  fromAgentId: string;
  toAgentId: string;
  input: string;
  /** The depth of the asking task (the root task is 0); the delegated task would be one deeper. */
  depth: number;
}

/** Codes of the limits a delegation or a model call can trip. */
export type DelegationTripCode =
  | 'delegation_depth_exceeded'
  | 'delegation_hops_exceeded'
  | 'delegation_loop'
  | 'delegation_not_allowed'
  | 'budget_exceeded'
  | 'task_timeout';

/** Trips that end the whole root task rather than refusing one delegation. */
export const endsRootTask = (code: string): boolean => code === 'budget_exceeded' || code === 'task_timeout';

/** Whitespace runs and case do not make a question new. */
const normalise = (input: string): string => input.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** `(from, to, sha256 of the normalised input)`: the same fingerprint twice under one root task is a loop. */
export const delegationFingerprint = (fromAgentId: string, toAgentId: string, input: string): string =>
  `${fromAgentId}>${toAgentId}:${createHash('sha256').update(normalise(input)).digest('hex')}`;

/** The ledger, summed per root task: the cost of every model call of every agent task under it. */
export interface RootTaskSpendLedger {
  spentUnder(workspaceId: string, rootTaskId: string): Promise<number>;
}

export interface RootTaskLimitsOptions {
  /**
   * The root task's id (a fleet task's), recorded on each agent task under it. With `ledger`, its spend
   * is summed from the ledger rows of those tasks before every model call, on whichever process or
   * attempt they ran. Default: none.
   */
  root?: { workspaceId: string; rootTaskId: string; ledger: RootTaskSpendLedger };
  /** Without a ledger: what the root task spent before this run, from its rows. Default 0. */
  priorSpentUsd?: number;
  /** When the root task started, epoch ms; its deadline counts from here. Default: now. */
  startedAt?: number;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * The delegation state of one root task, shared by every task under it (they run in this process): hops
 * made, fingerprints seen, the spending of the whole tree (`spending`: the runner's root totals hang
 * under it) and the deadline. The window of the loop fingerprint is the root task.
 */
export class RootTaskLimits {
  /** Everything spent under the root task in this process; the root's task totals add to it. */
  readonly spending = new Spending();
  /** Epoch ms after which the root task times out; null: none. */
  readonly deadline: number | null;
  private hops = 0;
  private readonly seen = new Set<string>();
  private readonly now: () => number;
  private readonly priorSpentUsd: number;
  private readonly root: RootTaskLimitsOptions['root'] | null;
  /** The ledger's sum at the last `refresh`, and what this process had counted then. */
  private ledgerSpentUsd = 0;
  private countedAtRefresh = 0;

  constructor(
    readonly policy: DelegationPolicy,
    options: RootTaskLimitsOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.priorSpentUsd = options.priorSpentUsd ?? 0;
    this.root = options.root ?? null;
    this.deadline = policy.timeoutMs === null ? null : (options.startedAt ?? this.now()) + policy.timeoutMs;
  }

  /** The root task agent tasks under these limits record (a fleet task's id); null outside one. */
  get rootTaskId(): string | null {
    return this.root?.rootTaskId ?? null;
  }

  /**
   * Reads the root task's spend from the ledger (when it has one and a budget): called before every
   * model call, so the budget holds across attempts and processes, including an attempt whose worker
   * died before it could record its spend anywhere but the ledger.
   */
  async refresh(): Promise<void> {
    if (!this.root || this.policy.budgetUsd === null) return;
    const counted = this.spending.costUsd;
    this.ledgerSpentUsd = await this.root.ledger.spentUnder(this.root.workspaceId, this.root.rootTaskId);
    this.countedAtRefresh = counted;
  }

  /**
   * What the root task spent so far. With a ledger: its sum at the last refresh, plus what calls of this
   * process counted since (so a delegation checked between two model calls sees them too); else its
   * earlier rows plus every finished call of this run.
   */
  get spentUsd(): number {
    if (this.root) return this.ledgerSpentUsd + Math.max(0, this.spending.costUsd - this.countedAtRefresh);
    return this.priorSpentUsd + this.spending.costUsd;
  }

  /** Ms left before the deadline (0 once past); null without one. */
  remainingMs(): number | null {
    return this.deadline === null ? null : Math.max(0, this.deadline - this.now());
  }

  /**
   * The trip that ends the root task, if any: its deadline passed, or its spending reached the budget.
   * Checked before every model call and every delegation, so the budget is overshot by at most the one
   * call in flight when it was reached (one per member running at once under a broadcast).
   */
  rootTrip(): AppError | null {
    const { budgetUsd, timeoutMs } = this.policy;
    if (this.deadline !== null && this.now() >= this.deadline) {
      return new AppError('task_timeout', `Stopped: the root task ran past its time limit (${timeoutMs} ms)`);
    }
    if (budgetUsd !== null && this.spentUsd >= budgetUsd) {
      return new AppError(
        'budget_exceeded',
        `Stopped: the root task spent $${this.spentUsd.toFixed(6)}, reaching its limit of $${budgetUsd}`,
      );
    }
    return null;
  }

  /** Whether `from` may be offered a tool asking `to` at all (the fleet's `allowedDelegates`; never itself). */
  permits(fromAgentId: string, toAgentId: string): boolean {
    if (fromAgentId === toAgentId) return false;
    const allowed = this.policy.allowedDelegates;
    return allowed === null || (allowed.get(fromAgentId)?.has(toAgentId) ?? false);
  }

  /** Whether a task at `depth` may delegate at all (its tools are offered). */
  mayDelegateFrom(depth: number): boolean {
    return depth < this.policy.maxDepth;
  }

  /**
   * Checks one delegation before its task is created: null when it may go ahead (then it counts as a hop
   * and its fingerprint is remembered), else the refusal. The order puts the trips that end the root
   * task first, and a loop before the depth it would reach.
   */
  admit(request: DelegationRequest): AppError | null {
    const { fromAgentId, toAgentId, input, depth } = request;
    const { maxDepth, maxHops } = this.policy;
    const root = this.rootTrip();
    if (root) return root;
    if (fromAgentId === toAgentId) return new AppError('delegation_loop', 'Refused: an agent may not delegate to itself');
    if (!this.permits(fromAgentId, toAgentId)) {
      return new AppError('delegation_not_allowed', 'Refused: that agent is not among this member’s allowed delegates');
    }
    const fingerprint = delegationFingerprint(fromAgentId, toAgentId, input);
    if (this.seen.has(fingerprint)) {
      return new AppError('delegation_loop', 'Refused: this agent already asked that agent the same thing in this task');
    }
    if (depth + 1 > maxDepth) {
      return new AppError('delegation_depth_exceeded', `Refused: delegation may go at most ${maxDepth} levels deep`);
    }
    if (this.hops >= maxHops) {
      return new AppError('delegation_hops_exceeded', `Refused: the root task made its ${maxHops} delegations already`);
    }
    this.hops += 1;
    this.seen.add(fingerprint);
    return null;
  }

  /** Delegations admitted so far. */
  get hopCount(): number {
    return this.hops;
  }
}
