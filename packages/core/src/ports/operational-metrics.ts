import type { AgentTask, LlmCall } from '@agent-fleet/contracts';

/** What the metrics read of an ended task: no ids, only its kind, outcome and duration. */
export type TaskEnd = Pick<AgentTask, 'kind' | 'status' | 'durationMs'>;

/** Whose task it was, by name (never by id). */
export interface TaskNames {
  agent: string;
  /** The fleet the task ran through (a fleet task and every task it asked); null outside fleets. */
  fleet: string | null;
}

/** A pipeline run or step leaving its open states, once the transaction recording it has committed. */
export interface PipelineEnd {
  what: 'run' | 'step';
  /** `succeeded`, `failed`, `cancelled` or (steps) `skipped`. */
  status: string;
  /** Null when the event carries no duration. */
  durationMs: number | null;
}

/**
 * Counters for operators (Prometheus at `/metrics`), bumped where things happen: a ledger row written, a
 * task ended, a run or step ended, a WebSocket client dropped. Core calls it and never imports a metrics
 * library; the server provides the adapter. Implementations must be cheap and must never throw: a metric
 * is not worth failing work for. Gauges (queue depth, open sockets) are read at scrape time instead.
 */
export interface OperationalMetrics {
  /** A provider call's ledger row reached its final state (one per try). */
  llmCallRecorded(call: LlmCall): void;
  /** A task's end was stored, with the names (bounded by what is configured) of its agent and fleet. */
  taskEnded(names: TaskNames, task: TaskEnd): void;
  pipelineEnded(end: PipelineEnd): void;
  /** A WebSocket client was dropped for falling too far behind. */
  wsDropped(): void;
}

/** Counts nothing: the default wherever no adapter is given (tests, the CLI). */
export const NO_OPERATIONAL_METRICS: OperationalMetrics = {
  llmCallRecorded: () => undefined,
  taskEnded: () => undefined,
  pipelineEnded: () => undefined,
  wsDropped: () => undefined,
};
