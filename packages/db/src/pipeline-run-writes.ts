import type { RunEventWrite, RunWrite, StepRunRow } from '@agent-fleet/core';
import { getTableColumns, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { pipelineRunEvents, pipelineRuns, pipelineStepRuns } from './pipeline-schema.js';
import { storable } from './storable.js';
import type { StepOutputBlobs } from './step-output-blobs.js';

/**
 * The engine's bulk writes: what a transaction kept in memory (see `StepBuffer` in core), written with
 * one statement per table, at most `WRITE_BATCH` rows each.
 */

/** Rows per statement (25 columns each at most, well below PostgreSQL's 65,535 parameters). */
const WRITE_BATCH = 500;

async function inBatches<T>(items: readonly T[], write: (batch: readonly T[]) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += WRITE_BATCH) await write(items.slice(start, start + WRITE_BATCH));
}

/** Writing a step run replaces every column of an existing row with the one written. */
const STEP_WRITE_SET = Object.fromEntries(
  Object.entries(getTableColumns(pipelineStepRuns))
    .filter(([key]) => key !== 'id')
    .map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)]),
);

/** Writing a run sets what a transaction changes on it, and adds the spend it carries. */
const RUN_WRITE_SET = {
  status: sql.raw('excluded.status'),
  outputs: sql.raw('excluded.outputs'),
  error: sql.raw('excluded.error'),
  openSteps: sql.raw('excluded.open_steps'),
  eventSeq: sql.raw('excluded.event_seq'),
  startedAt: sql.raw('excluded.started_at'),
  finishedAt: sql.raw('excluded.finished_at'),
  ...Object.fromEntries(
    (
      ['inputTokens', 'outputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'reasoningTokens', 'costUsd', 'llmCalls'] as const
    ).map((key) => {
      const column = pipelineRuns[key];
      return [key, sql`${column} + ${sql.raw(`excluded.${column.name}`)}`];
    }),
  ),
};

const NO_SPEND = {
  usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
  costUsd: 0,
  llmCalls: 0,
};

/** Whole step runs, inserted or replaced; big outputs go to the blob store first. */
export const writeStepRunRows = (db: Database, outputs: StepOutputBlobs, rows: readonly StepRunRow[]) =>
  inBatches(rows, async (batch) => {
    const values = await Promise.all(
      batch.map(async ({ usage, output, ...row }) => ({
        ...storable(row),
        ...usage,
        ...(await outputs.place(output, () => row)),
      })),
    );
    await db.insert(pipelineStepRuns).values(values).onConflictDoUpdate({ target: pipelineStepRuns.id, set: STEP_WRITE_SET });
  });

/** Held runs' changed columns, their spend added by the database (exactly, in numeric). */
export const writeRunRows = (db: Database, writes: readonly RunWrite[]) =>
  inBatches(writes, async (batch) => {
    const values = batch.map(({ run: { usage: _usage, ...run }, addSpend }) => {
      // The spend columns carry what to add: the stored totals are summed by the database, exactly.
      const spend = addSpend ?? NO_SPEND;
      return { ...storable(run), ...spend.usage, costUsd: spend.costUsd, llmCalls: spend.llmCalls };
    });
    // Every row exists (the transaction holds it): the insert always turns into the update.
    await db.insert(pipelineRuns).values(values).onConflictDoUpdate({ target: pipelineRuns.id, set: RUN_WRITE_SET });
  });

/** Events of any runs, numbered by their writer. */
export const insertRunEventRows = (db: Database, events: readonly RunEventWrite[]) =>
  inBatches(events, async (batch) => {
    await db.insert(pipelineRunEvents).values(
      batch.map((event) => ({
        runId: event.runId,
        workspaceId: event.workspaceId,
        seq: event.seq,
        type: event.type,
        step: event.step ?? null,
        data: storable(event.data ?? {}),
      })),
    );
  });
