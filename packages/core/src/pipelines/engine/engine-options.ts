import type { ApprovalDecision, RunTrigger } from '@agent-fleet/contracts';
import type { EventBus } from '../../ports/event-bus.js';
import type { Tracing } from '../../ports/tracing.js';
import type { WorkQueue } from '../../ports/work-queue.js';
import type { ExpressionEvaluator } from '../expression-evaluator.js';
import type { RunStore, RunTransactions } from './run-store.js';
import type { StepActionDependencies } from './step-actions.js';
import type { PipelineVersionResolver, ResolvedPipeline } from './step-runner.js';

/** What the pipeline engine is built with. */
export interface PipelineEngineOptions {
  transactions: RunTransactions;
  /** The store outside any transaction, for reads. */
  store: RunStore;
  queue: WorkQueue;
  /** Told after each commit that a run's event log grew (topic `run:<id>`). */
  bus?: EventBus;
  evaluator: ExpressionEvaluator;
  actions: StepActionDependencies;
  versions: PipelineVersionResolver;
  /** Steps this process runs at once. Default 16. */
  slots?: number;
  /** Steps of one workspace this process runs at once (its fair share). Default: `slots`. */
  workspaceSlots?: number;
  /** How often this worker's heartbeat is written. Default 1 s. */
  heartbeatMs?: number;
  /** A worker whose heartbeat is older is dead; its steps are re-queued. Default 15 s. */
  staleMs?: number;
  /** How often timers, lost jobs and dead workers are looked for. Default 1 s. */
  sweepMs?: number;
  /** The most pieces of work one transaction takes when they queue up (see GroupCommit). Default 500. */
  commitGroup?: number;
  /**
   * Engine transactions this process runs at once (see GroupCommit). Default 1: PGlite has one
   * connection. On PostgreSQL more overlap their round trips; they lock their runs as two servers' would.
   */
  commitParallel?: number;
  random?: () => number;
  clock?: () => Date;
  /** Puts each step attempt in a `pipeline.step` span under its run's (see `run-tracing.ts`). Default: no tracing. */
  tracing?: Tracing;
  log?: { warn(data: object, message: string): void; error(data: object, message: string): void };
}

export interface CreateRunInput {
  workspaceId: string;
  target: ResolvedPipeline;
  input: unknown;
  priority?: number;
  trigger: RunTrigger;
  idempotencyKey?: string | null;
  sourceRunId?: string | null;
  createdBy?: string | null;
  createdByLabel?: string | null;
}

export interface DecisionInput extends ApprovalDecision {
  decidedBy: string | null;
  decidedByLabel: string | null;
}
