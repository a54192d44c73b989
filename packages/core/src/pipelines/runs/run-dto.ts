import type { PipelineRun, RunEvent, StepRun } from '@agent-fleet/contracts';
import type { RunEventRow, RunRow, StepRunRow } from '../engine/run-store.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const toPipelineRun = (run: RunRow): PipelineRun => ({
  id: run.id,
  pipelineId: run.pipelineId,
  pipelineName: run.pipelineName,
  version: run.version,
  label: run.label,
  status: run.status,
  priority: run.priority,
  trigger: run.trigger,
  input: run.input as PipelineRun['input'],
  outputs: run.outputs as PipelineRun['outputs'],
  error: run.error,
  concurrencyKey: run.concurrencyKey,
  parentRunId: run.parentRunId,
  sourceRunId: run.sourceRunId,
  usage: run.usage,
  costUsd: run.costUsd,
  llmCalls: run.llmCalls,
  budgetUsd: run.budgetUsd,
  createdBy: run.createdByLabel,
  createdAt: run.createdAt.toISOString(),
  startedAt: iso(run.startedAt),
  finishedAt: iso(run.finishedAt),
  durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
});

export const toStepRun = (step: StepRunRow): StepRun => ({
  id: step.id,
  runId: step.runId,
  stepId: step.stepId,
  key: step.key,
  parentId: step.parentId,
  index: step.index,
  type: step.type,
  status: step.status,
  attempt: step.attempt,
  input: (step.input ?? null) as StepRun['input'],
  output: (step.output ?? null) as StepRun['output'],
  error: step.error,
  usage: step.usage,
  costUsd: step.costUsd,
  llmCalls: step.llmCalls,
  childRunId: step.childRunId,
  dueAt: iso(step.dueAt),
  startedAt: iso(step.startedAt),
  finishedAt: iso(step.finishedAt),
});

export const toRunEvent = (event: RunEventRow): RunEvent => ({
  seq: event.seq,
  type: event.type,
  step: event.step,
  data: event.data as RunEvent['data'],
  at: event.createdAt.toISOString(),
});
