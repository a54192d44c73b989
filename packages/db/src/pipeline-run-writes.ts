import type { RunEventWrite, RunWrite, StepRunRow } from '@agent-fleet/core';
import { getTableColumns, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { excludedSet, insertJsonRows } from './json-rows.js';
import { pipelineRunEvents, pipelineRuns, pipelineStepRuns } from './pipeline-schema.js';
import { storable } from './storable.js';
import type { StepOutputBlobs } from './step-output-blobs.js';

/**
 * The engine's bulk writes: what a transaction kept in memory (see `StepBuffer` in core), each table's
 * rows as one JSON parameter, at most `WRITE_BATCH` rows each (see `writeHeldRows`).
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

/** Step runs as the statement sends them: big outputs go to the blob store first. */
const stepValues = (outputs: StepOutputBlobs, rows: readonly StepRunRow[]) =>
  Promise.all(
    rows.map(async ({ usage, output, ...row }) => ({
      ...storable(row),
      ...usage,
      ...(await outputs.place(output, () => row)),
    })),
  );

/** Whole step runs, inserted or replaced. */
const stepStatement = (values: readonly Record<string, unknown>[]) =>
  sql`${insertJsonRows(pipelineStepRuns, values)}${STEP_WRITE_SET}`;

/** Runs a transaction created, inserted whole. */
const createdRunStatement = (writes: readonly RunWrite[]) =>
  insertJsonRows(
    pipelineRuns,
    writes.map(({ run: { usage, ...run } }) => ({ ...storable(run), ...usage })),
  );

/**
 * Held runs' changed columns, their spend added by the database (exactly, in numeric). Every row exists
 * (the transaction holds it): the insert always turns into the update.
 */
const heldRunStatement = (writes: readonly RunWrite[]) => {
  const values = writes.map(({ run: { usage: _usage, ...run }, addSpend }) => {
    // The spend columns carry what to add: the stored totals are summed by the database, exactly.
    const spend = addSpend ?? NO_SPEND;
    return { ...storable(run), ...spend.usage, costUsd: spend.costUsd, llmCalls: spend.llmCalls };
  });
  return sql`${insertJsonRows(pipelineRuns, values)}${RUN_WRITE_SET}`;
};

/** Events of any runs, numbered by their writer. */
const eventStatement = (events: readonly RunEventWrite[]) =>
  insertJsonRows(
    pipelineRunEvents,
    events.map((event) => ({
      runId: event.runId,
      workspaceId: event.workspaceId,
      seq: event.seq,
      type: event.type,
      step: event.step ?? null,
      data: storable(event.data ?? {}),
    })),
  );

/** Events of any runs, numbered by their writer. */
export const insertRunEventRows = (db: Database, events: readonly RunEventWrite[]) =>
  inBatches(events, async (batch) => {
    await db.execute(eventStatement(batch));
  });

/**
 * What a transaction kept in memory: the runs it created (inserted whole), the changes of the runs it
 * holds, its step runs (inserted or replaced) and its events. One statement when each fits in a batch,
 * its inserts as data-modifying CTEs of one another (they touch different tables; foreign keys are
 * checked at the statement's end, when the runs it inserts exist): a group commit then sends one write
 * instead of four, each of which on PGlite is one more wait for the event loop's turn (pglite-turns)
 * while the transaction holds the only connection. More rows go a statement per table per batch.
 */
export async function writeHeldRows(
  db: Database,
  outputs: StepOutputBlobs,
  held: { runs: readonly RunWrite[]; steps: readonly StepRunRow[]; events: readonly RunEventWrite[] },
): Promise<void> {
  const created = held.runs.filter((write) => write.created);
  const changed = held.runs.filter((write) => !write.created);
  const parts = [created, changed, held.steps, held.events];
  if (parts.some((part) => part.length > WRITE_BATCH)) {
    await inBatches(created, (batch) => db.execute(createdRunStatement(batch)).then(() => undefined));
    await inBatches(changed, (batch) => db.execute(heldRunStatement(batch)).then(() => undefined));
    await inBatches(held.steps, async (batch) => {
      await db.execute(stepStatement(await stepValues(outputs, batch)));
    });
    await insertRunEventRows(db, held.events);
    return;
  }
  const statements = [
    ...(created.length > 0 ? [createdRunStatement(created)] : []),
    ...(changed.length > 0 ? [heldRunStatement(changed)] : []),
    ...(held.steps.length > 0 ? [stepStatement(await stepValues(outputs, held.steps))] : []),
    ...(held.events.length > 0 ? [eventStatement(held.events)] : []),
  ];
  const last = statements.pop();
  if (!last) return;
  const ctes = statements.map((statement, i) => sql`${sql.raw(`w${i}`)} as (${statement})`);
  await db.execute(ctes.length === 0 ? last : sql`with ${sql.join(ctes, sql`, `)} ${last}`);
}
