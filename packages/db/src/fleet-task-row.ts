import type { FleetTask } from '@agent-fleet/contracts';
import type { fleetTasks } from './fleet-schema.js';
import { usageOf } from './token-usage.js';

export type FleetTaskRow = typeof fleetTasks.$inferSelect;

/** A fleet task's row as the API shows it. */
export const toFleetTask = (row: FleetTaskRow): FleetTask => ({
  id: row.id,
  fleetId: row.fleetId,
  status: row.status,
  input: row.input,
  skills: row.skills,
  priority: row.priority,
  idempotencyKey: row.idempotencyKey,
  agentIds: row.agentIds,
  aggregatorId: row.aggregatorId,
  agentTaskIds: row.agentTaskIds,
  attempt: row.attempt,
  waitingReason: row.status === 'queued' ? row.waitingReason : null,
  output: row.output,
  error: row.error,
  usage: usageOf(row),
  costUsd: row.costUsd,
  llmCalls: row.llmCalls,
  createdAt: row.createdAt.toISOString(),
  startedAt: row.startedAt?.toISOString() ?? null,
  finishedAt: row.finishedAt?.toISOString() ?? null,
  durationMs: row.finishedAt && row.startedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
  pipelineStep:
    row.pipelineRunId === null || row.pipelineStepKey === null
      ? null
      : { runId: row.pipelineRunId, stepRunId: row.pipelineStepRunId, stepKey: row.pipelineStepKey },
});
