import type { RunEventWrite, RunWrite, StepRunRow } from '@agent-fleet/core';
import { getTableColumns, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { excludedSet, insertJsonRows } from './json-rows.js';
import { pipelineRunEvents, pipelineRuns, pipelineStepRuns } from './pipeline-schema.js';
import { storable } from './storable.js';
import type { StepOutputBlobs } from './step-output-blobs.js';

/**
 * The engine's bulk writes: what a transaction kept in memory (see `StepBuffer` in core), written with
 * one statement per table, at most `WRITE_BATCH` rows each, as one JSON parameter.
 */

/** Rows per statement: one JSON parameter each (see `insertJsonRows`), kept to a few megabytes. */
const WRITE_BATCH = 1000;

async function inBatches<T>(items: readonly T[], write: (batch: readonly T[]) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += WRITE_BATCH) await write(items.slice(start, start + WRITE_BATCH));
}

/** Writing a step run replaces every column of an existing row with the one written. */
const STEP_WRITE_SET = sql` on conflict ("id") do update set ${excludedSet(
  pipelineStepRuns,
  Object.keys(getTableColumns(pipelineStepRuns)).filter((key) => key !== 'id'),
)}`;

/** Writing a run sets what a transaction changes on it, and adds the spend it carries. */
const RUN_WRITE_SET = sql` on conflict ("id") do update set ${excludedSet(
  pipelineRuns,
  ['status', 'outputs', 'error', 'openSteps', 'eventSeq', 'startedAt', 'finishedAt'],
  ['inputTokens', 'outputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'reasoningTokens', 'costUsd', 'llmCalls'],
)}`;

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
    await db.execute(sql`${insertJsonRows(pipelineStepRuns, values)}${STEP_WRITE_SET}`);
  });

/**
 * Held runs' changed columns, their spend added by the database (exactly, in numeric); runs the
 * transaction created are inserted whole.
 */
export async function writeRunRows(db: Database, writes: readonly RunWrite[]): Promise<void> {
  const created = writes.filter((write) => write.created);
  await inBatches(created, async (batch) => {
    const values = batch.map(({ run: { usage, ...run } }) => ({ ...storable(run), ...usage }));
    await db.execute(insertJsonRows(pipelineRuns, values));
  });
  await inBatches(
    writes.filter((write) => !write.created),
    async (batch) => {
      const values = batch.map(({ run: { usage: _usage, ...run }, addSpend }) => {
        // The spend columns carry what to add: the stored totals are summed by the database, exactly.
        const spend = addSpend ?? NO_SPEND;
        return { ...storable(run), ...spend.usage, costUsd: spend.costUsd, llmCalls: spend.llmCalls };
      });
      // Every row exists (the transaction holds it): the insert always turns into the update.
      await db.execute(sql`${insertJsonRows(pipelineRuns, values)}${RUN_WRITE_SET}`);
    },
  );
}

/** Events of any runs, numbered by their writer. */
export const insertRunEventRows = (db: Database, events: readonly RunEventWrite[]) =>
  inBatches(events, async (batch) => {
    await db.execute(
      insertJsonRows(
        pipelineRunEvents,
        batch.map((event) => ({
          runId: event.runId,
          workspaceId: event.workspaceId,
          seq: event.seq,
          type: event.type,
          step: event.step ?? null,
          data: storable(event.data ?? {}),
        })),
      ),
    );
  });
