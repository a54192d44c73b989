import type { RunStatus, StepError, StepRunStatus, TokenUsage } from '@agent-fleet/contracts';
import { TERMINAL_RUN_STATUSES, TERMINAL_STEP_STATUSES } from '@agent-fleet/contracts';
import type { NewRunEvent, RunPatch, RunRow, RunStore, Spend, StepPatch, StepRunRow } from './run-store.js';

/** Work to hand to the transport once the transaction has committed. */
export interface Dispatch {
  stepRunId: string;
  runId: string;
  /** The step's type: some run inside the transaction that made them ready (see `runsInTransaction`). */
  type: string;
  workspaceId: string;
  priority: number;
  attempt: number;
}

/** Something to do once the transaction has committed. */
export interface AfterCommit {
  dispatch: Dispatch[];
  /** Step runs this process may be running that must stop (cancelled, or their run ended). */
  abort: string[];
  /** Runs whose event log grew (publish a notification per run). */
  touched: Map<string, { workspaceId: string; seq: number }>;
  /** The earliest future `due_at` set (a retry or timer), to wake the sweeper then. */
  wakeAt: Date | null;
}

const addUsage = (a: TokenUsage, b: TokenUsage): TokenUsage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
  cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  reasoningTokens: a.reasoningTokens + b.reasoningTokens,
});

export const addSpend = (a: Spend, b: Spend): Spend => ({
  usage: addUsage(a.usage, b.usage),
  costUsd: a.costUsd + b.costUsd,
  llmCalls: a.llmCalls + b.llmCalls,
});

export const isTerminalStep = (status: StepRunStatus) => TERMINAL_STEP_STATUSES.includes(status);
export const isTerminalRun = (status: RunStatus) => TERMINAL_RUN_STATUSES.includes(status);

/**
 * The changes one transaction makes to one locked run: step updates go to the store at once, while the
 * run row's counters (open steps, event sequence, spend) and the new events are collected and written
 * once, by `flush`. Everything else the engine does in that transaction goes through here, so the event
 * log and the rows cannot disagree.
 */
export class RunTransaction {
  private readonly events: NewRunEvent[] = [];
  private readonly patch: RunPatch = {};
  private spend: Spend | null = null;

  constructor(
    readonly store: RunStore,
    public run: RunRow,
    readonly after: AfterCommit,
    readonly now: Date,
  ) {}

  emit(type: string, step: string | null = null, data: Record<string, unknown> = {}): void {
    this.events.push({ type, step, data });
  }

  /** Updates a step run guarded by its current status; null when it was no longer in one of `from`. */
  async setStep(step: StepRunRow, patch: StepPatch, from: readonly StepRunStatus[], owner?: string): Promise<StepRunRow | null> {
    const updated = await this.store.updateStep(
      step.id,
      patch,
      owner === undefined ? { statuses: from } : { statuses: from, owner },
    );
    if (!updated) return null;
    if (patch.dueAt && patch.dueAt > this.now && (!this.after.wakeAt || patch.dueAt < this.after.wakeAt))
      this.after.wakeAt = patch.dueAt;
    if (patch.status === 'queued' && (!patch.dueAt || patch.dueAt <= this.now)) this.queue(updated);
    // A top-level step leaving the open states counts down the run's open steps.
    if (updated.parentId === null && patch.status && isTerminalStep(patch.status) && !isTerminalStep(step.status)) {
      this.patch.openSteps = (this.patch.openSteps ?? this.run.openSteps) - 1;
    }
    if (patch.addSpend) this.addRunSpend(patch.addSpend);
    return updated;
  }

  queue(step: Pick<StepRunRow, 'id' | 'runId' | 'type' | 'workspaceId' | 'priority' | 'attempt'>): void {
    this.after.dispatch.push({
      stepRunId: step.id,
      runId: step.runId,
      type: step.type,
      workspaceId: step.workspaceId,
      priority: step.priority,
      attempt: step.attempt,
    });
  }

  addRunSpend(spend: Spend): void {
    this.spend = this.spend ? addSpend(this.spend, spend) : spend;
  }

  get openSteps(): number {
    return this.patch.openSteps ?? this.run.openSteps;
  }

  /** `count` top-level steps were opened again (a resumed run). */
  reopenSteps(count: number): void {
    this.patch.openSteps = this.openSteps + count;
  }

  /** Every step of the run has been closed at once (the run is ending). */
  closeAllSteps(): void {
    this.patch.openSteps = 0;
  }

  setRun(patch: Omit<RunPatch, 'openSteps' | 'eventSeq' | 'addSpend'>): void {
    Object.assign(this.patch, patch);
    this.run = { ...this.run, ...patch } as RunRow;
  }

  fail(error: StepError): void {
    this.setRun({ status: 'failed', error, finishedAt: this.now });
  }

  /** Writes the collected events and the run row's changes; call once, last. */
  async flush(): Promise<void> {
    if (this.events.length > 0) {
      const { id: runId, workspaceId, eventSeq } = this.run;
      await this.store.insertEvents(this.events.map((event, i) => ({ ...event, runId, workspaceId, seq: eventSeq + i + 1 })));
      this.patch.eventSeq = this.run.eventSeq + this.events.length;
      this.after.touched.set(this.run.id, { workspaceId: this.run.workspaceId, seq: this.patch.eventSeq });
    }
    if (this.spend) this.patch.addSpend = this.spend;
    if (Object.keys(this.patch).length > 0) await this.store.updateRun(this.run.id, this.patch);
  }
}

export const newAfterCommit = (): AfterCommit => ({ dispatch: [], abort: [], touched: new Map(), wakeAt: null });
