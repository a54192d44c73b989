import { InProcessWorkQueue } from '@agent-fleet/adapters';
import type { RunStore, WorkJob } from '@agent-fleet/core';
import { DrizzleRunTransactions } from '@agent-fleet/db';
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

describe('pipeline engine: the DAG', () => {
  it('runs a chain in order and computes the outputs from the steps', async () => {
    await h.define('chain', {
      inputs: { n: { type: 'number', required: true } },
      outputs: { result: '${{ steps.c.output }}', text: 'n=${{ input.n }}' },
      steps: {
        a: { type: 'transform', value: '${{ input.n + 1 }}' },
        b: { type: 'transform', needs: ['a'], value: '${{ steps.a.output * 2 }}' },
        c: { type: 'transform', needs: ['b'], value: { total: '${{ steps.b.output + 1 }}' } },
      },
    });
    const run = await h.waitFor((await h.start('chain', { n: 4 })).id);
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ result: { total: 11 }, text: 'n=4' });
    const events = await h.events(run.id);
    expect(events.indexOf('step.succeeded:a')).toBeLessThan(events.indexOf('step.started:b'));
    expect(events.indexOf('step.succeeded:b')).toBeLessThan(events.indexOf('step.started:c'));
    expect(events.at(-1)).toBe('run.succeeded');
    const seqs = (await h.store.events(run.id, 0, 100)).map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
  });

  it('runs steps whose only effects are rows inside the commit that made them ready, 100 at most per commit', async () => {
    const chain = (length: number, prefix: string) =>
      Object.fromEntries(
        Array.from({ length }, (_, index) => [
          `${prefix}${index}`,
          { type: 'transform' as const, value: index, ...(index > 0 ? { needs: [`${prefix}${index - 1}`] } : {}) },
        ]),
      );
    await h.define('short', { outputs: { last: '${{ steps.s4.output }}' }, steps: chain(5, 's') });
    // Succeeded when `start` returns: the five transforms ran in the transaction that created the run.
    const short = await h.start('short');
    expect(short).toMatchObject({ status: 'succeeded', outputs: { last: 4 } });
    const stored = await h.store.getRun(h.workspaceId, short.id);
    expect(stored?.status).toBe('succeeded');
    expect(stored?.outputs).toEqual({ last: 4 });
    // They started and ended at that transaction's time: none claims the time the others took.
    for (const step of Object.values(await h.steps(short.id))) expect(step.startedAt).toEqual(step.finishedAt);

    // A queue that delivers nothing shows what the first commit did on its own.
    await h.close();
    const sent: WorkJob[] = [];
    h = await createEngineHarness({
      queue: { enqueue: async (job) => sent.push(job) > 0, consume: () => ({ stop: async () => undefined }) },
    });
    await h.define('long', { steps: chain(150, 'l') });
    const long = await h.start('long');
    const steps = Object.values(await h.steps(long.id));
    const succeeded = steps.filter((step) => step.status === 'succeeded').map((step) => step.key);
    expect(succeeded.sort()).toEqual(Array.from({ length: 100 }, (_, index) => `l${index}`).sort());
    const next = steps.find((step) => step.key === 'l100');
    expect(next?.status).toBe('queued');
    expect(sent.map((job) => (job.payload as { stepRunId: string }).stepRunId)).toContain(next?.id);
  });

  it('writes the run and the step rows a transaction created and changed once, in one write, however many steps it ran', async () => {
    await h.close();
    // Counts the run and step-row writes that reach the database.
    const writes: Record<string, number> = {};
    const counted = (store: RunStore): RunStore =>
      new Proxy(store, {
        get(target, name, receiver) {
          const value = Reflect.get(target, name, receiver) as unknown;
          if (
            typeof value !== 'function' ||
            !['insertRun', 'updateRun', 'writeHeld', 'insertStepRuns', 'claimStep', 'updateStep'].includes(String(name))
          )
            return typeof value === 'function' ? value.bind(target) : value;
          return (...args: unknown[]) => {
            writes[String(name)] = (writes[String(name)] ?? 0) + 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    h = await createEngineHarness((db, outputs) => {
      const inner = new DrizzleRunTransactions(db, outputs);
      return { transactions: { transaction: (work) => inner.transaction((store) => work(counted(store))) } };
    });
    const chain = Object.fromEntries(
      Array.from({ length: 50 }, (_, index) => [
        `c${index}`,
        { type: 'transform' as const, value: `\${{ ${index} }}`, ...(index > 0 ? { needs: [`c${index - 1}`] } : {}) },
      ]),
    );
    await h.define('fifty', { outputs: { last: '${{ steps.c49.output }}' }, steps: chain });
    const run = await h.start('fifty');
    expect((await h.store.getRun(h.workspaceId, run.id))?.status).toBe('succeeded');
    // Created, queued, claimed and finished 50 times over in memory: one write of the 50 final rows, with
    // the run inserted as it ended.
    expect(writes).toEqual({ writeHeld: 1 });
    const steps = Object.values(await h.steps(run.id));
    expect(steps.map((step) => [step.status, step.attempt])).toEqual(Array.from({ length: 50 }, () => ['succeeded', 1]));
  });

  it('commits the claims and ends of concurrent runs together: far fewer transactions than step attempts', async () => {
    await h.close();
    let transactions = 0;
    h = await createEngineHarness((db, outputs) => {
      const inner = new DrizzleRunTransactions(db, outputs);
      return {
        slots: 50,
        transactions: {
          transaction: (work) => {
            transactions += 1;
            return inner.transaction(work);
          },
        },
      };
    });
    const recorder = await startLoopbackRecorder();
    // Every call is answered after 100 ms, so each wave of steps ends at about the same time.
    recorder.script(
      '/slow',
      Array.from({ length: 60 }, () => ({ status: 200, body: {}, delayMs: 100 })),
    );
    const url = `${recorder.url}/slow`;
    await h.define('three', {
      steps: {
        a: { type: 'http', url },
        b: { type: 'http', url, needs: ['a'] },
        c: { type: 'http', url, needs: ['b'] },
      },
    });
    const before = transactions;
    const runs = await Promise.all(Array.from({ length: 20 }, () => h.start('three')));
    const done = await Promise.all(runs.map((run) => h.waitFor(run.id, undefined, 60_000)));
    await recorder.close();
    expect(done.map((run) => run.status)).toEqual(Array.from({ length: 20 }, () => 'succeeded'));
    expect(recorder.requests).toHaveLength(60);
    // One transaction each would be 20 creations + 60 claims + 60 ends = 140.
    expect(transactions - before).toBeLessThan(70);
  });

  it('starts a step it has a free slot for in the commit that made it ready: no queue job, one commit per step', async () => {
    await h.close();
    let transactions = 0;
    const jobs: WorkJob[] = [];
    h = await createEngineHarness((db, outputs) => {
      const inner = new DrizzleRunTransactions(db, outputs);
      const queue = new InProcessWorkQueue();
      const enqueue = queue.enqueue.bind(queue);
      queue.enqueue = (job) => {
        jobs.push(job);
        return enqueue(job);
      };
      return {
        slots: 4,
        queue,
        transactions: {
          transaction: (work) => {
            transactions += 1;
            return inner.transaction(work);
          },
        },
      };
    });
    const recorder = await startLoopbackRecorder();
    const url = `${recorder.url}/step`;
    await h.define('three', {
      steps: { a: { type: 'http', url }, b: { type: 'http', url, needs: ['a'] }, c: { type: 'http', url, needs: ['b'] } },
    });
    const before = transactions;
    const run = await h.start('three');
    expect((await h.waitFor(run.id)).status).toBe('succeeded');
    await recorder.close();
    expect(recorder.requests).toHaveLength(3);
    expect(jobs).toEqual([]);
    // The creation starts `a`; the end of `a` starts `b`, and so on: 4 commits, not 1 + 2 per step.
    expect(transactions - before).toBe(4);
    const steps = Object.values(await h.steps(run.id));
    expect(steps.map((step) => [step.key, step.status, step.attempt])).toEqual([
      ['a', 'succeeded', 1],
      ['b', 'succeeded', 1],
      ['c', 'succeeded', 1],
    ]);
    expect((await h.events(run.id)).filter((event) => event.startsWith('step.'))).toEqual(
      ['a', 'b', 'c'].flatMap((key) => [`step.started:${key}`, `step.succeeded:${key}`]),
    );
  });

  it('fans out and joins: the join starts once, after every branch', async () => {
    const branches = Object.fromEntries(
      Array.from({ length: 20 }, (_, index) => [`b${index}`, { type: 'transform' as const, value: `\${{ ${index} }}` }]),
    );
    await h.define('fan', {
      outputs: { sum: '${{ steps.join.output }}' },
      steps: {
        ...branches,
        join: {
          type: 'transform',
          needs: Object.keys(branches),
          value: `\${{ ${Object.keys(branches)
            .map((id) => `steps.${id}.output`)
            .join(' + ')} }}`,
        },
      },
    });
    const run = await h.waitFor((await h.start('fan')).id);
    expect(run.outputs).toEqual({ sum: 190 });
    expect((await h.events(run.id)).filter((event) => event === 'step.started:join')).toHaveLength(1);
  });

  it('skips a step whose condition is false, and its dependents unless they opt in', async () => {
    await h.define('skip', {
      steps: {
        gate: { type: 'transform', if: 'input.go == true', value: 'went' },
        after: { type: 'transform', needs: ['gate'], value: 'after' },
        anyway: { type: 'transform', needs: ['gate'], runAfterSkipped: true, value: '${{ steps.gate.status }}' },
      },
      inputs: { go: { type: 'boolean', default: false } },
    });
    const run = await h.waitFor((await h.start('skip')).id);
    const steps = await h.steps(run.id);
    expect(run.status).toBe('succeeded');
    expect(steps.gate?.status).toBe('skipped');
    expect(steps.after?.status).toBe('skipped');
    expect(steps.anyway?.status).toBe('succeeded');
    expect(steps.anyway?.output).toBe('skipped');
  });

  it('fails the run on a failing step and cancels what had not run', async () => {
    await h.define('boom', {
      steps: {
        bad: { type: 'transform', value: '${{ 1 / 0 }}' },
        later: { type: 'transform', needs: ['bad'], value: 1 },
      },
    });
    const run = await h.waitFor((await h.start('boom')).id);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('expression');
    expect(run.error?.message).toContain('Step "bad" failed');
    expect((await h.steps(run.id)).later?.status).toBe('cancelled');
  });

  it('continues past a step with onError: continue, which its dependents see as failed', async () => {
    await h.define('cont', {
      steps: {
        bad: { type: 'transform', value: '${{ 1 / 0 }}', onError: 'continue' },
        next: { type: 'transform', needs: ['bad'], value: '${{ steps.bad.status }}' },
      },
    });
    const run = await h.waitFor((await h.start('cont')).id);
    expect(run.status).toBe('succeeded');
    expect((await h.steps(run.id)).next?.output).toBe('failed');
  });

  it('runs the fallback in place of a failed step and gives its output to the dependents', async () => {
    await h.define('fb', {
      outputs: { out: '${{ steps.after.output }}' },
      steps: {
        main: { type: 'transform', value: '${{ 1 / 0 }}', onError: { fallback: 'backup' } },
        backup: { type: 'transform', value: 'from backup' },
        after: { type: 'transform', needs: ['main'], value: 'got ${{ steps.main.output }}' },
      },
    });
    const run = await h.waitFor((await h.start('fb')).id);
    const steps = await h.steps(run.id);
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ out: 'got from backup' });
    expect(steps.main?.status).toBe('succeeded');
    expect(steps.main?.error?.code).toBe('expression');
    expect(steps.backup?.status).toBe('succeeded');
  });

  it('never runs a fallback by itself: it is skipped when its step succeeds', async () => {
    await h.define('fb-ok', {
      steps: {
        main: { type: 'transform', value: 'fine', onError: { fallback: 'backup' } },
        backup: { type: 'transform', value: 'from backup' },
      },
    });
    const run = await h.waitFor((await h.start('fb-ok')).id);
    expect(run.status).toBe('succeeded');
    expect((await h.steps(run.id)).backup?.status).toBe('skipped');
  });

  it('refuses input that does not match the declared inputs, creating nothing', async () => {
    await h.define('typed', { inputs: { n: { type: 'number', required: true } }, steps: { a: { type: 'transform', value: 1 } } });
    await expect(h.start('typed', { n: 'three' })).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await h.store.listRuns(h.workspaceId, { limit: 10 })).rows).toEqual([]);
  });

  it('returns the same run for the same idempotency key', async () => {
    await h.define('idem', { steps: { a: { type: 'transform', value: 1 } } });
    const first = await h.start('idem', {}, { idempotencyKey: 'k1' });
    const second = await h.start('idem', {}, { idempotencyKey: 'k1' });
    expect(second.id).toBe(first.id);
    expect((await h.store.listRuns(h.workspaceId, { limit: 10 })).rows).toHaveLength(1);
  });
});
