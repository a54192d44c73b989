import type { RunStore, RunTransactions } from '@agent-fleet/core';
import { DrizzleRunStore, DrizzleRunTransactions, schema } from '@agent-fleet/db';
import { testDriver } from '@agent-fleet/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackRecorder } from './loopback-recorder.test-support.js';
import { createEngineHarness, type EngineHarness } from './engine.test-support.js';

let h: EngineHarness;
beforeEach(async () => {
  h = await createEngineHarness();
});
afterEach(async () => {
  await h.close();
});

const approver = { decidedBy: null, decidedByLabel: 'ada@example.com' };

/**
 * The engine's transactions, calling `claimed` in a transaction that claimed a step, right after it wrote the
 * claimed row (running), which it does at its end, before it commits.
 */
const atClaimWrite = (
  db: ConstructorParameters<typeof DrizzleRunTransactions>[0],
  outputs: ConstructorParameters<typeof DrizzleRunTransactions>[1],
  claimed: () => Promise<void>,
): RunTransactions => {
  const inner = new DrizzleRunTransactions(db, outputs);
  return {
    transaction: (work) =>
      inner.transaction((store) =>
        work(
          Object.assign(Object.create(store) as RunStore, {
            writeHeld: async (held: Parameters<RunStore['writeHeld']>[0]) => {
              await store.writeHeld(held);
              if (held.steps.some((row) => row.status === 'running')) await claimed();
            },
          }),
        ),
      ),
  };
};

describe('pipeline engine: maps and loops', () => {
  it('maps over a list with bounded concurrency and keeps item order in the output', async () => {
    await h.define('map', {
      inputs: { words: { type: 'list', required: true } },
      outputs: { lengths: '${{ steps.each.output }}' },
      steps: {
        each: {
          type: 'map',
          items: 'input.words',
          concurrency: 2,
          maxFailures: 0,
          step: { type: 'transform', value: '${{ index }}:${{ item }}' },
        },
      },
    });
    const run = await h.waitFor((await h.start('map', { words: ['a', 'bb', 'ccc', 'dddd', 'e'] })).id);
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ lengths: ['0:a', '1:bb', '2:ccc', '3:dddd', '4:e'] });
    const steps = await h.steps(run.id);
    expect(Object.keys(steps).filter((key) => key.startsWith('each['))).toHaveLength(5);
  });

  it('tolerates maxFailures failed items (as null) and fails the map past them', async () => {
    const definition = (maxFailures: number) => ({
      inputs: { xs: { type: 'list' as const, required: true } },
      outputs: { out: '${{ steps.each.output }}' },
      steps: {
        each: {
          type: 'map' as const,
          items: 'input.xs',
          concurrency: 1,
          maxFailures,
          step: { type: 'transform' as const, value: '${{ 10 / item }}' },
        },
      },
    });
    await h.define('tolerant', definition(1));
    await h.define('strict', definition(0));
    const ok = await h.waitFor((await h.start('tolerant', { xs: [1, 0, 2] })).id);
    expect(ok.status).toBe('succeeded');
    expect(ok.outputs).toEqual({ out: [10, null, 5] });
    const failed = await h.waitFor((await h.start('strict', { xs: [1, 0, 2, 5] })).id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('map_failed');
    // Past the failure nothing else ran: item 2 and 3 were never started or were cancelled.
    const steps = await h.steps(failed.id);
    expect(['pending', 'cancelled']).toContain(steps['each[3]']?.status);
  });

  it('loops until its condition holds, and fails past maxIterations', async () => {
    await h.define('loop', {
      inputs: { stop: { type: 'number', required: true } },
      outputs: { last: '${{ steps.count.output }}' },
      steps: {
        count: {
          type: 'loop',
          maxIterations: 5,
          until: 'steps.count.output >= input.stop',
          step: { type: 'transform', value: '${{ index }}' },
        },
      },
    });
    const done = await h.waitFor((await h.start('loop', { stop: 3 })).id);
    expect(done.status).toBe('succeeded');
    expect(done.outputs).toEqual({ last: 3 });
    const exhausted = await h.waitFor((await h.start('loop', { stop: 99 })).id);
    expect(exhausted.status).toBe('failed');
    expect(exhausted.error?.code).toBe('loop_exhausted');
    expect(Object.keys(await h.steps(exhausted.id)).filter((key) => key.startsWith('count['))).toHaveLength(5);
  });
});

describe('pipeline engine: waits, approvals and cancel', () => {
  it('fires a timer set before a restart: a new engine, whose caches are empty, finishes the wait', async () => {
    await h.define('wait-restart', {
      steps: { pause: { type: 'wait', duration: '300ms' }, after: { type: 'transform', needs: ['pause'], value: 1 } },
    });
    const run = await h.start('wait-restart');
    await h.waitForStep(run.id, 'pause', ['waiting']);
    await h.restart();
    expect((await h.waitFor(run.id)).status).toBe('succeeded');
  });

  it('re-queues a step leased to this worker that no attempt here holds (its handler failed before recording the end)', async () => {
    await h.define('orphan', { steps: { pause: { type: 'wait', duration: '1h' } } });
    const run = await h.start('orphan');
    const waiting = await h.waitForStep(run.id, 'pause', ['waiting']);
    // As a handler that threw after its claim leaves it: running, leased to this live worker, held by nothing.
    await h.db
      .update(schema.pipelineStepRuns)
      .set({ status: 'running', leaseOwner: h.engine.workerId, dueAt: null })
      .where(eq(schema.pipelineStepRuns.id, waiting.id));
    const again = await h.waitForStep(run.id, 'pause', ['waiting']);
    expect(again.attempt).toBe(2);
    const retried = (await h.store.events(run.id, 0, 100)).filter((event) => event.type === 'step.retrying');
    expect(retried.map((event) => event.data)).toEqual([expect.objectContaining({ reason: 'lease_lost' })]);
  });

  // PGlite has one connection, so there the heartbeat cannot read while a claim's transaction is open.
  it.skipIf(testDriver() !== 'postgres')(
    'never takes a claim still in its transaction for a lost lease (the heartbeat reads on another connection)',
    async () => {
      await h.close();
      let heartbeats = 0;
      let gated = false;
      h = await createEngineHarness((db, outputs) => {
        const outer = new DrizzleRunStore(db, outputs);
        const counted: RunStore = Object.assign(Object.create(outer) as RunStore, {
          leasedBy: async (owners: readonly string[]) => {
            const rows = await outer.leasedBy(owners);
            heartbeats += 1;
            return rows;
          },
        });
        return {
          store: counted,
          // The first claim's transaction stays open, the step held here, until two heartbeats have read the rows.
          transactions: atClaimWrite(db, outputs, async () => {
            if (gated) return;
            gated = true;
            const seen = heartbeats;
            await expect.poll(() => heartbeats, { timeout: 10_000 }).toBeGreaterThanOrEqual(seen + 2);
          }),
        };
      });
      // An http step goes through the queue: a worker claims it in a transaction of its own.
      const recorder = await startLoopbackRecorder();
      await h.define('once', { steps: { only: { type: 'http', url: `${recorder.url}/once` } } });
      const run = await h.waitFor((await h.start('once')).id);
      await recorder.close();
      expect(recorder.requests).toHaveLength(1);
      expect(gated).toBe(true);
      expect(run.status).toBe('succeeded');
      expect((await h.steps(run.id)).only?.attempt).toBe(1);
      expect(await h.events(run.id)).not.toContain('step.retrying:only');
    },
  );

  it('runs a transaction the database aborted to break a deadlock again, its claims dropped: the step runs once', async () => {
    await h.close();
    let aborted = 0;
    // The first transaction that claims a step fails at its end as PostgreSQL fails a deadlock's victim.
    h = await createEngineHarness((db, outputs) => ({
      transactions: atClaimWrite(db, outputs, async () => {
        if (aborted > 0) return;
        aborted += 1;
        throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      }),
    }));
    const recorder = await startLoopbackRecorder();
    await h.define('retried', { steps: { only: { type: 'http', url: `${recorder.url}/retried` } } });
    const run = await h.waitFor((await h.start('retried')).id);
    await recorder.close();
    expect(aborted).toBe(1);
    expect(run.status).toBe('succeeded');
    expect(recorder.requests).toHaveLength(1);
    expect((await h.steps(run.id)).only?.attempt).toBe(1);
  });

  it('waits on a durable timer', async () => {
    await h.define('wait', {
      steps: { pause: { type: 'wait', duration: '200ms' }, after: { type: 'transform', needs: ['pause'], value: 1 } },
    });
    const started = Date.now();
    const run = await h.waitFor((await h.start('wait')).id);
    expect(run.status).toBe('succeeded');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  const approvalPipeline = {
    outputs: { decision: '${{ steps.ok.output.decision }}', note: '${{ steps.ok.output.comment }}' },
    steps: {
      first: { type: 'wait' as const, duration: '300ms' },
      ok: { type: 'approval' as const, needs: ['first'], message: 'Ship it?', assignees: { roles: ['editor'] } },
    },
  };

  it('resumes on an approval that arrives while the step waits, exactly once; a second decision is refused', async () => {
    await h.define('approve', approvalPipeline);
    const run = await h.start('approve');
    await h.waitForStep(run.id, 'ok', ['waiting']);
    await h.engine.decide(h.workspaceId, run.id, 'ok', { decision: 'approve', comment: 'go', ...approver });
    await expect(h.engine.decide(h.workspaceId, run.id, 'ok', { decision: 'reject', ...approver })).rejects.toMatchObject({
      code: 'conflict',
    });
    const done = await h.waitFor(run.id);
    expect(done.outputs).toEqual({ decision: 'approved', note: 'go' });
    expect((await h.events(run.id)).filter((event) => event === 'step.succeeded:ok')).toHaveLength(1);
  });

  it('keeps a decision that arrives before the step waits, and applies it when it does', async () => {
    await h.define('early', approvalPipeline);
    const run = await h.start('early');
    await h.engine.decide(h.workspaceId, run.id, 'ok', { decision: 'reject', comment: 'no', ...approver });
    expect((await h.steps(run.id)).ok?.status).toBe('pending');
    const done = await h.waitFor(run.id);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('rejected');
  });

  it('refuses a decision after the run has ended, and one for a step that is not an approval', async () => {
    await h.define('late', approvalPipeline);
    const run = await h.start('late');
    await h.engine.decide(h.workspaceId, run.id, 'ok', { decision: 'approve', ...approver });
    await h.waitFor(run.id);
    await expect(h.engine.decide(h.workspaceId, run.id, 'ok', { decision: 'approve', ...approver })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(h.engine.decide(h.workspaceId, run.id, 'first', { decision: 'approve', ...approver })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('applies onTimeout when nobody decides in time', async () => {
    await h.define('timeout', {
      outputs: { d: '${{ steps.ok.output.decision }}' },
      steps: { ok: { type: 'approval', assignees: { roles: ['editor'] }, timeout: '100ms', onTimeout: 'approve' } },
    });
    const run = await h.waitFor((await h.start('timeout')).id);
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ d: 'approved' });
  });

  it('cancels a run in every state: queued steps, a waiting approval, a running step, and refuses once ended', async () => {
    await h.define('cancel', {
      steps: {
        pause: { type: 'wait', duration: '1h' },
        ok: { type: 'approval', assignees: { roles: ['editor'] } },
        after: { type: 'transform', needs: ['ok', 'pause'], value: 1 },
      },
    });
    const run = await h.start('cancel');
    await h.waitForStep(run.id, 'ok', ['waiting']);
    const cancelled = await h.engine.cancelRun(h.workspaceId, run.id, 'ada');
    expect(cancelled.status).toBe('cancelled');
    const steps = await h.steps(run.id);
    expect([steps.pause?.status, steps.ok?.status, steps.after?.status]).toEqual(['cancelled', 'cancelled', 'cancelled']);
    await expect(h.engine.cancelRun(h.workspaceId, run.id, 'ada')).rejects.toMatchObject({ code: 'conflict' });
    await expect(h.engine.decide(h.workspaceId, run.id, 'ok', { decision: 'approve', ...approver })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('pipeline engine: child runs, concurrency and priority', () => {
  it('runs a child pipeline and takes its outputs as the step output', async () => {
    await h.define('child', {
      inputs: { x: { type: 'number', required: true } },
      outputs: { doubled: '${{ input.x * 2 }}' },
      steps: { noop: { type: 'transform', value: 1 } },
    });
    await h.define('parent', {
      outputs: { got: '${{ steps.call.output.doubled }}' },
      steps: { call: { type: 'pipeline', pipeline: 'child', with: { x: 21 } } },
    });
    const run = await h.waitFor((await h.start('parent')).id);
    expect(run.outputs).toEqual({ got: 42 });
    const { rows: children } = await h.store.listRuns(h.workspaceId, { limit: 10, trigger: 'pipeline' });
    expect(children[0]?.parentRunId).toBe(run.id);
  });

  it('bounds how deep child runs nest, whatever the labels say now', async () => {
    await h.define('itself', { steps: { again: { type: 'pipeline', pipeline: 'itself' } } });
    const run = await h.waitFor((await h.start('itself')).id, undefined, 30_000);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('child_failed');
    const { rows } = await h.store.listRuns(h.workspaceId, { limit: 20 });
    expect(rows).toHaveLength(9);
    const deepest = rows.find((row) => row.error?.code === 'too_deep');
    expect(deepest?.error?.message).toContain('at most 8 deep');
  });

  it('cancels the child run with its parent', async () => {
    await h.define('slow-child', { steps: { pause: { type: 'wait', duration: '1h' } } });
    await h.define('parent2', { steps: { call: { type: 'pipeline', pipeline: 'slow-child' } } });
    const run = await h.start('parent2');
    const step = await h.waitForStep(run.id, 'call', ['waiting']);
    await h.engine.cancelRun(h.workspaceId, run.id, 'ada');
    const child = await h.store.getRun(h.workspaceId, step.childRunId ?? '');
    expect(child?.status).toBe('cancelled');
  });

  it('never runs more than concurrency.max runs per key at once, and starts the queued ones as others end', async () => {
    await h.define('keyed', {
      inputs: { customer: { type: 'string', required: true } },
      concurrency: { max: 1, key: 'input.customer' },
      steps: { pause: { type: 'wait', duration: '50ms' } },
    });
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, index) => h.start('keyed', { customer: index % 2 === 0 ? 'a' : 'b' })),
    );
    expect(runs.filter((run) => run.status === 'running')).toHaveLength(2);
    const done = await Promise.all(runs.map((run) => h.waitFor(run.id)));
    expect(done.every((run) => run.status === 'succeeded')).toBe(true);
    // Runs of one key never overlap: each started after the previous one of its key finished.
    for (const key of ['a', 'b']) {
      const mine = done
        .filter((run) => run.concurrencyKey === key)
        .sort((x, y) => (x.startedAt?.getTime() ?? 0) - (y.startedAt?.getTime() ?? 0));
      for (let index = 1; index < mine.length; index += 1) {
        expect(mine[index]?.startedAt?.getTime()).toBeGreaterThanOrEqual(mine[index - 1]?.finishedAt?.getTime() ?? Infinity);
      }
    }
  });
});
