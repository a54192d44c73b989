import { sweepOrphanBlobs } from '@agent-fleet/core';
import { DrizzleBlobOwners, schema, stepOutputKey } from '@agent-fleet/db';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngineHarness, type EngineHarness } from './engine.test-support.js';

let h: EngineHarness;
beforeEach(async () => {
  h = await createEngineHarness();
});
afterEach(async () => {
  await h.close();
});

/** What the step's row holds, as stored. */
async function storedRow(runId: string, key: string) {
  const rows = await h.db.select().from(schema.pipelineStepRuns).where(eq(schema.pipelineStepRuns.runId, runId));
  const row = rows.find((candidate) => candidate.key === key);
  if (!row) throw new Error(`no step ${key}`);
  return row;
}

const BIG = 'x'.repeat(100 * 1024);

describe('pipeline engine: big step outputs live in the blob store', () => {
  beforeEach(async () => {
    await h.define('big', {
      inputs: { text: { type: 'string', required: true } },
      outputs: { length: '${{ steps.measure.output }}', small: '${{ steps.small.output }}' },
      steps: {
        big: { type: 'transform', value: { text: '${{ input.text }}' } },
        small: { type: 'transform', value: 'short' },
        measure: { type: 'transform', needs: ['big', 'small'], value: '${{ size(steps.big.output.text) }}' },
      },
    });
  });

  it('keeps a big output out of its row; later steps, the run outputs and every read of the step see it whole', async () => {
    const run = await h.waitFor((await h.start('big', { text: BIG })).id);
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ length: BIG.length, small: 'short' });

    const big = await storedRow(run.id, 'big');
    expect(big.output).toBeNull();
    expect(big.outputBlobKey).toBe(stepOutputKey(run.id, big.id));
    const blob = await h.blobs.get(h.workspaceId, big.outputBlobKey ?? '');
    expect(JSON.parse(Buffer.from(blob ?? new Uint8Array()).toString('utf8'))).toEqual({ text: BIG });

    const small = await storedRow(run.id, 'small');
    expect(small).toMatchObject({ output: 'short', outputBlobKey: null });

    const steps = await h.steps(run.id);
    expect(steps.big?.output).toEqual({ text: BIG });
    expect(steps.big).not.toHaveProperty('outputBlobKey');
  });

  it('gives a re-run its own copy of a big output, which outlives the run it came from', async () => {
    const first = await h.waitFor((await h.start('big', { text: BIG })).id);
    const second = await h.waitFor((await h.engine.rerun(h.workspaceId, first.id, 'measure')).id);
    expect(second.outputs).toEqual({ length: BIG.length, small: 'short' });
    const copied = await storedRow(second.id, 'big');
    expect(copied.outputBlobKey).toBe(stepOutputKey(second.id, copied.id));

    // The first run goes (its rows cascade); the sweep removes its blob and keeps the copy's.
    await h.db.delete(schema.pipelineRuns).where(eq(schema.pipelineRuns.id, first.id));
    const deleted = await sweepOrphanBlobs(h.blobs, new DrizzleBlobOwners(h.db), async () => undefined);
    expect(deleted).toBe(1);
    expect(await h.blobs.list(h.workspaceId, 'pipelines/')).toEqual([copied.outputBlobKey]);
    expect((await h.steps(second.id)).big?.output).toEqual({ text: BIG });
  });
});
