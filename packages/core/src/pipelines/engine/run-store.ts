import type {
  PageTotal,
  PipelineDefinition,
  RunStatus,
  RunTrigger,
  StepError,
  StepRunStatus,
  TokenUsage,
} from '@agent-fleet/contracts';

/** A run as stored. */
export interface RunRow {
  id: string;
  workspaceId: string;
  pipelineId: string;
  versionId: string;
  pipelineName: string;
  version: number;
  label: string | null;
  status: RunStatus;
  priority: number;
  trigger: RunTrigger;
  input: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  error: StepError | null;
  concurrencyKey: string | null;
  idempotencyKey: string | null;
  parentRunId: string | null;
  parentStepRunId: string | null;
  sourceRunId: string | null;
  usage: TokenUsage;
  costUsd: number;
  llmCalls: number;
  budgetUsd: number | null;
  openSteps: number;
  eventSeq: number;
  createdBy: string | null;
  createdByLabel: string | null;
  /**
   * The trace the run belongs to (OpenTelemetry): the W3C traceparent of the span that created it (a
   * request, or its parent run's span), kept so its spans join that trace in any process, at any time.
   * Null when it was created with tracing off or outside any span. See `run-tracing.ts`.
   */
  traceContext: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export type NewRun = Omit<
  RunRow,
  'usage' | 'costUsd' | 'llmCalls' | 'eventSeq' | 'createdAt' | 'startedAt' | 'finishedAt' | 'outputs' | 'error'
>;

/** What a transaction changes on a run row at its end (see `RunTransaction`). */
export interface RunPatch {
  status?: RunStatus;
  outputs?: Record<string, unknown> | null;
  error?: StepError | null;
  openSteps?: number;
  eventSeq?: number;
  startedAt?: Date;
  finishedAt?: Date | null;
  /** Added to the run's totals. */
  addSpend?: Spend;
}

/** Tokens, cost and calls a step spent. */
export interface Spend {
  usage: TokenUsage;
  costUsd: number;
  llmCalls: number;
}

/** A step run as stored: a top-level step, or a map item / loop iteration (`parentId`, `index`). */
export interface StepRunRow {
  id: string;
  workspaceId: string;
  runId: string;
  stepId: string;
  key: string;
  parentId: string | null;
  index: number | null;
  type: string;
  status: StepRunStatus;
  attempt: number;
  priority: number;
  leaseOwner: string | null;
  dueAt: Date | null;
  input: unknown;
  output: unknown;
  error: StepError | null;
  usage: TokenUsage;
  costUsd: number;
  llmCalls: number;
  childRunId: string | null;
  state: Record<string, unknown> | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export type NewStepRun = Pick<StepRunRow, 'runId' | 'workspaceId' | 'stepId' | 'key' | 'type' | 'status' | 'priority'> &
  Partial<Pick<StepRunRow, 'parentId' | 'index' | 'dueAt' | 'input' | 'output'>>;

export interface StepPatch {
  status?: StepRunStatus;
  leaseOwner?: string | null;
  dueAt?: Date | null;
  input?: unknown;
  output?: unknown;
  error?: StepError | null;
  childRunId?: string | null;
  state?: Record<string, unknown> | null;
  startedAt?: Date;
  finishedAt?: Date | null;
  /** Added to the step's totals. */
  addSpend?: Spend;
}

export interface RunEventRow {
  seq: number;
  type: string;
  step: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface NewRunEvent {
  type: string;
  step?: string | null;
  data?: Record<string, unknown>;
}

/** An event as written: numbered within its run. */
export interface RunEventWrite extends NewRunEvent {
  runId: string;
  workspaceId: string;
  seq: number;
}

/** A held run's row as a transaction left it, and the spend to add to its stored totals. */
export interface RunWrite {
  run: RunRow;
  addSpend: Spend | null;
  /** Created by the transaction: inserted whole, totals included (`addSpend` is then ignored). */
  created?: boolean;
}

export interface DecisionRow {
  decision: 'approved' | 'rejected' | 'timed_out';
  comment: string;
  data: Record<string, unknown>;
  decidedBy: string | null;
  decidedByLabel: string | null;
  decidedAt: Date;
}

export interface WorkerRow {
  id: string;
  host: string;
  pid: number;
  heartbeatAt: Date;
}

export interface RunListQuery {
  limit: number;
  /** Keyset: runs created before this (createdAt, id). */
  before?: { createdAt: Date; id: string };
  pipelineId?: string;
  status?: RunStatus;
  trigger?: RunTrigger;
  label?: string;
  createdAfter?: Date;
  createdBefore?: Date;
}

/** A step run due for the transport: queued and not before now. */
export interface DueStep {
  id: string;
  runId: string;
  type: string;
  workspaceId: string;
  priority: number;
  attempt: number;
}

/**
 * Where the engine keeps runs: rows, not memory. Every method runs on the connection or transaction the
 * store was made for; the engine composes them in `RunTransactions.transaction`.
 */
export interface RunStore {
  insertRun(run: NewRun): Promise<RunRow>;
  getRun(workspaceId: string, id: string): Promise<RunRow | null>;
  /** The run, locked for this transaction (`FOR UPDATE`): one run's changes commit one after another. */
  lockRun(id: string): Promise<RunRow | null>;
  /** Locks these runs in one statement, in id order (so two lockers cannot deadlock on them); those that exist. */
  lockRuns(ids: readonly string[]): Promise<RunRow[]>;
  updateRun(id: string, patch: RunPatch): Promise<void>;
  findRunByIdempotencyKey(workspaceId: string, key: string): Promise<RunRow | null>;
  /** Newest first, up to `limit + 1` rows (one more tells there is a next page), and the filters' total. */
  listRuns(workspaceId: string, query: RunListQuery): Promise<{ rows: RunRow[]; total: PageTotal }>;
  /** Locks the pipeline row, so admissions of its runs happen one at a time. */
  lockPipeline(pipelineId: string): Promise<void>;
  /** Runs of the pipeline in status `running` (for one concurrency key, when given), `except` one. */
  countRunning(pipelineId: string, concurrencyKey?: string | null, except?: string): Promise<number>;
  /** Queued runs of the pipeline, highest priority first, then oldest. */
  queuedRuns(pipelineId: string, limit: number): Promise<RunRow[]>;
  /** Runs still `queued` or `running`, for boot and the sweeper. */
  activeRunIds(limit: number): Promise<string[]>;
  versionDefinition(versionId: string): Promise<PipelineDefinition | null>;

  insertStepRuns(rows: NewStepRun[]): Promise<StepRunRow[]>;
  stepRun(id: string): Promise<StepRunRow | null>;
  /** Top-level step runs of a run (or only those with these keys). */
  stepRuns(runId: string, keys?: readonly string[]): Promise<StepRunRow[]>;
  /** The top-level step runs of these runs that have not ended (so carry no output yet). */
  openStepRuns(runIds: readonly string[]): Promise<StepRunRow[]>;
  /**
   * Writes what a transaction changed in memory (see `StepBuffer`), in one statement when it is not too
   * much: the runs it created (inserted whole), the changed columns of the runs it holds (their spend
   * added), whole step runs (inserted or replaced) and events. Only for runs the transaction holds.
   */
  writeHeld(held: { runs: readonly RunWrite[]; steps: readonly StepRunRow[]; events: readonly RunEventWrite[] }): Promise<void>;
  /** How many of these top-level step runs have not ended: a cheap look before reading them whole. */
  countOpenSteps(runId: string, keys: readonly string[]): Promise<number>;
  /** Every step run of a run, items and iterations included. */
  allStepRuns(runId: string): Promise<StepRunRow[]>;
  /** A map's items or a loop's iterations, by index. */
  children(parentId: string): Promise<StepRunRow[]>;
  /**
   * Claims a queued step run that is due: it becomes `running`, held by `owner`, one attempt more. Null
   * when it is not queued (already claimed, done or cancelled) or not yet due: a duplicate delivery.
   * Due (and started) means by the database's clock, or at `at` for a step claimed in the transaction
   * that queued it, whose end is recorded at that transaction's time too.
   */
  claimStep(id: string, owner: string, at?: Date): Promise<StepRunRow | null>;
  /** Updates a step run only if it is in one of `statuses` (and held by `owner`, when given). */
  updateStep(
    id: string,
    patch: StepPatch,
    guard: { statuses: readonly StepRunStatus[]; owner?: string },
  ): Promise<StepRunRow | null>;
  /**
   * Moves every step run of the run in one of `from` (only the children of `parentId`, when given) to
   * `patch`, returning them as they were before.
   */
  updateRunSteps(runId: string, from: readonly StepRunStatus[], patch: StepPatch, parentId?: string): Promise<StepRunRow[]>;
  /**
   * Sets the run's failed and cancelled top-level steps back to pending (their error, state and child
   * run cleared) and deletes the items and iterations under them; returns how many steps reopened.
   */
  reopenSteps(runId: string): Promise<number>;
  /** Queues a map's pending item `index`; null when it is not pending. */
  queueChild(parentId: string, index: number): Promise<StepRunRow | null>;
  /** Step runs queued and due, oldest first. */
  dueQueued(limit: number): Promise<DueStep[]>;
  /** Approval steps waiting for a decision in the workspace, oldest first, with their runs. */
  waitingApprovals(workspaceId: string, limit: number): Promise<{ run: RunRow; step: StepRunRow; requestedAt: Date }[]>;
  /** Waiting step runs whose timer is due. */
  dueWaiting(limit: number): Promise<StepRunRow[]>;

  /** Appends events, of any runs, in one statement; each run's are numbered after its locked `eventSeq`. */
  insertEvents(events: readonly RunEventWrite[]): Promise<void>;
  events(runId: string, afterSeq: number, limit: number): Promise<RunEventRow[]>;

  /** Records a decision unless one exists; false when the run's step was decided before. */
  insertDecision(runId: string, stepKey: string, workspaceId: string, decision: Omit<DecisionRow, 'decidedAt'>): Promise<boolean>;
  decision(runId: string, stepKey: string): Promise<DecisionRow | null>;

  upsertWorker(worker: Omit<WorkerRow, 'heartbeatAt'>): Promise<void>;
  /** Refreshes the worker's heartbeat; false when its row is gone (another worker declared it dead). */
  heartbeat(id: string): Promise<boolean>;
  workers(): Promise<WorkerRow[]>;
  deleteWorker(id: string): Promise<void>;
  /** Running step runs held by these workers. */
  leasedBy(owners: readonly string[]): Promise<StepRunRow[]>;
  /** Of these step runs, those no longer `running` under `owner` (cancelled, or taken from a dead worker). */
  lostLeases(owner: string, ids: readonly string[]): Promise<string[]>;
}

/** Runs `work` in one transaction with a store bound to it. */
export interface RunTransactions {
  transaction<T>(work: (store: RunStore) => Promise<T>): Promise<T>;
}
