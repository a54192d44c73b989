import { FsBlobStore, InProcessWorkQueue } from '@agent-fleet/adapters';
import { PipelineDefinitionSchema, type PipelineDefinitionInput, type RunStatus } from '@agent-fleet/contracts';
import {
  createExpressionEvaluator,
  PipelineEngine,
  type PipelineEngineOptions,
  type ResolvedPipeline,
  type RunRow,
  type StepRunRow,
} from '@agent-fleet/core';
import { DrizzleRunStore, DrizzleRunTransactions, schema, StepOutputBlobs, type Database } from '@agent-fleet/db';
import { createTestDatabase, insertWorkspace } from '@agent-fleet/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EngineHarness {
  db: Database;
  workspaceId: string;
  store: DrizzleRunStore;
  /** The blob store big step outputs go to (a temporary folder). */
  blobs: FsBlobStore;
  engine: PipelineEngine;
  /** Stops the engine and starts a new one on the same database, as a restarted server would (empty caches). */
  restart(): Promise<void>;
  define(name: string, definition: PipelineDefinitionInput): Promise<ResolvedPipeline>;
  start(name: string, input?: Record<string, unknown>, options?: { priority?: number; idempotencyKey?: string }): Promise<RunRow>;
  /** Resolves once the run has ended (or reached one of `statuses`), failing after `timeoutMs`. */
  waitFor(runId: string, statuses?: readonly RunStatus[], timeoutMs?: number): Promise<RunRow>;
  waitForStep(runId: string, key: string, statuses: readonly string[], timeoutMs?: number): Promise<StepRunRow>;
  steps(runId: string): Promise<Record<string, StepRunRow>>;
  events(runId: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * A real engine over a real test database and the in-process queue; `options` override its settings
 * (a function receives the database and the step outputs' store, to wrap the engine's store or transactions).
 */
export async function createEngineHarness(
  settings: Partial<PipelineEngineOptions> | ((db: Database, outputs: StepOutputBlobs) => Partial<PipelineEngineOptions>) = {},
): Promise<EngineHarness> {
  const handle = await createTestDatabase();
  const { db } = handle;
  const blobDir = mkdtempSync(join(tmpdir(), 'af-engine-blobs-'));
  const blobs = new FsBlobStore(blobDir);
  const outputs = new StepOutputBlobs(blobs);
  const options = typeof settings === 'function' ? settings(db, outputs) : settings;
  const workspaceId = await insertWorkspace(db);
  const store = new DrizzleRunStore(db, outputs);
  const pipelines = new Map<string, ResolvedPipeline>();
  const newEngine = () =>
    new PipelineEngine({
      transactions: new DrizzleRunTransactions(db, outputs),
      store,
      queue: new InProcessWorkQueue(),
      evaluator: createExpressionEvaluator(),
      actions: { fetch: globalThis.fetch },
      versions: { resolve: async (_workspace, ref) => pipelines.get(ref.split('@')[0] ?? '') ?? null },
      sweepMs: 50,
      heartbeatMs: 100,
      ...options,
    });
  let engine = newEngine();
  await engine.start();

  const until = async <T>(read: () => Promise<T | null>, what: string, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== null) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  const harness: EngineHarness = {
    db,
    workspaceId,
    store,
    blobs,
    engine,
    async restart() {
      await engine.stop();
      engine = newEngine();
      harness.engine = engine;
      await engine.start();
    },
    async define(name, input) {
      const definition = PipelineDefinitionSchema.parse(input);
      const pipelineId = randomUUID();
      const versionId = randomUUID();
      await db.insert(schema.pipelines).values({ id: pipelineId, workspaceId, name });
      await db.insert(schema.pipelineVersions).values({
        id: versionId,
        workspaceId,
        pipelineId,
        version: 1,
        format: 'json',
        source: JSON.stringify(input),
        definition,
      });
      const resolved = { pipelineId, name, version: 1, versionId, label: null, definition };
      pipelines.set(name, resolved);
      return resolved;
    },
    async start(name, input = {}, startOptions = {}) {
      const target = pipelines.get(name);
      if (!target) throw new Error(`Define ${name} first`);
      const { run } = await harness.engine.createRun({ workspaceId, target, input, trigger: 'api', ...startOptions });
      return run;
    },
    waitFor(runId, statuses = ['succeeded', 'failed', 'cancelled'], timeoutMs = 10_000) {
      return until(
        async () => {
          const run = await store.getRun(workspaceId, runId);
          return run && statuses.includes(run.status) ? run : null;
        },
        `run ${runId} to be ${statuses.join('/')}`,
        timeoutMs,
      );
    },
    waitForStep(runId, key, statuses, timeoutMs = 10_000) {
      return until(
        async () => {
          const [step] = await store.stepRuns(runId, [key]);
          return step && statuses.includes(step.status) ? step : null;
        },
        `step ${key} to be ${statuses.join('/')}`,
        timeoutMs,
      );
    },
    async steps(runId) {
      return Object.fromEntries((await store.allStepRuns(runId)).map((step) => [step.key, step]));
    },
    async events(runId) {
      return (await store.events(runId, 0, 10_000)).map((event) => (event.step ? `${event.type}:${event.step}` : event.type));
    },
    async close() {
      await engine.stop();
      await handle.close();
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
  return harness;
}
