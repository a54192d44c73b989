import { schema } from '@agent-fleet/db';
import { eq, inArray } from 'drizzle-orm';

/**
 * What a fleet adds to a task on the `mock` provider. Baseline, in the same run and app: a direct agent
 * task (a conversation turn over HTTP, the agent's own task row timed by the database). Measured: tasks
 * submitted to a one-member fleet one after another, each awaited before the next, so nothing queues
 * behind another, so each is placed in the transaction that submits it. For each fleet task, what dispatch
 * adds is its whole life (`createdAt` → `finishedAt`: the submission's transaction with the fleet's row
 * lock, eligibility, routing record, lease and the member's agent, then the agent task's start, and
 * recording the end, which commits with the agent task's) less the life of the agent task it ran; both
 * come from the database clock, in milliseconds. Both paths go through the same app, HTTP layer and mock
 * model; neither figure counts the request's authentication and parsing, but the submission's response
 * is written while its task starts (one event loop), which the fleet figure pays and the direct one does
 * not. The machine may be shared: compare with the direct task of the same run.
 */
export interface FleetDispatchBench {
  tasks: number;
  /** The direct agent task's own time (task row start → end), ms. */
  directP50Ms: number;
  directP95Ms: number;
  /** A fleet task's whole time, ms. */
  fleetP50Ms: number;
  fleetP95Ms: number;
  /** Per fleet task: its time less its agent task's, ms. */
  addedP50Ms: number;
  addedP95Ms: number;
  /** Fleet task p95 less direct agent task p95, ms: the same figure against the baseline's distribution. */
  addedVsDirectP95Ms: number;
  /** What dispatch adds at p50 and p95 over the direct task's own p50 and p95: comparable across machine loads. */
  addedOverDirectP50: number;
  addedOverDirectP95: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const sortedOf = (values: number[]) => [...values].sort((a, b) => a - b);
const ms = (from: Date, to: Date | null) => (to ? to.getTime() - from.getTime() : Number.NaN);
const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) / 100 : Number.NaN);

export async function fleetDispatchBench(tasks = 60): Promise<FleetDispatchBench> {
  // The test support hashes passwords at the cheapest cost, which it allows only under Vitest; the bench
  // signs up one user and times no sign-in, so it borrows that switch (loaded late, after setting it).
  process.env['VITEST'] ??= 'bench';
  const { createTestApp } = await import('../apps/server/src/test-support.js');
  const t = await createTestApp();
  try {
    const owner = await t.signupOwner();
    const create = async (name: string) => {
      const res = await owner.client.post('/api/v1/agents').send({ name, model: { provider: 'mock', model: 'free' } });
      if (res.status !== 201) throw new Error(`agent: ${res.status} ${res.text}`);
      return res.body.id as string;
    };
    const direct = await create('Direct');
    const member = await create('Member');
    const fleet = await owner.client.post('/api/v1/fleets').send({ name: 'Bench fleet', maxConcurrency: 4 });
    if (fleet.status !== 201) throw new Error(`fleet: ${fleet.status} ${fleet.text}`);
    const fleetId = fleet.body.id as string;
    const added = await owner.client.post(`/api/v1/fleets/${fleetId}/members`).send({ agentId: member, maxConcurrent: 4 });
    if (added.status !== 201) throw new Error(`member: ${added.status} ${added.text}`);

    const db = t.database.db;
    const conversation = async () =>
      (await owner.client.post('/api/v1/conversations').send({ agentId: direct })).body.id as string;
    let current = await conversation();
    const directTurn = async (i: number) => {
      // A fresh conversation every 20 turns keeps the prompt about the size of a fleet task's.
      if (i % 20 === 19) current = await conversation();
      const res = await owner.client.post(`/api/v1/conversations/${current}/messages`).send({ content: 'How do tides work?' });
      if (res.status !== 200) throw new Error(`turn: ${res.status} ${res.text}`);
    };
    const fleetTask = async () => {
      const res = await owner.client.post(`/api/v1/fleets/${fleetId}/tasks`).send({ input: 'How do tides work?' });
      if (res.status !== 201) throw new Error(`submit: ${res.status} ${res.text}`);
      if (res.body.status !== 'running') throw new Error(`not placed at submission: ${res.body.status}`);
      const id = res.body.id as string;
      // Waits in memory for this process to finish running it, then reads how it ended: the figures are the
      // row's own timestamps, and a wait that read the database would compete with the dispatch it times
      // (PGlite runs one statement at a time), which the direct turn's wait does not.
      while (t.fleetDispatcher.running().includes(id)) await new Promise((resolve) => setTimeout(resolve, 1));
      const [row] = await db
        .select({ status: schema.fleetTasks.status })
        .from(schema.fleetTasks)
        .where(eq(schema.fleetTasks.id, id));
      if (row?.status !== 'succeeded') throw new Error(`fleet task ${row?.status ?? 'missing'}`);
      return id;
    };

    // Warm-up of both paths, then interleaved so both see the same machine load.
    for (let i = 0; i < 10; i += 1) {
      await directTurn(i);
      await fleetTask();
    }
    const measured: string[] = [];
    const directStart = new Date();
    for (let i = 0; i < tasks; i += 1) {
      await directTurn(i);
      measured.push(await fleetTask());
    }

    const directRows = await db.select().from(schema.agentTasks).where(eq(schema.agentTasks.agentId, direct));
    const directTimes = sortedOf(
      directRows.filter((row) => row.startedAt >= directStart).map((row) => ms(row.startedAt, row.finishedAt)),
    );
    const fleetRows = await db.select().from(schema.fleetTasks).where(inArray(schema.fleetTasks.id, measured));
    const agentRows = await db
      .select()
      .from(schema.agentTasks)
      .where(
        inArray(
          schema.agentTasks.id,
          fleetRows.flatMap((row) => row.agentTaskIds),
        ),
      );
    const agentTime = new Map(agentRows.map((row) => [row.id, ms(row.startedAt, row.finishedAt)]));
    const fleetTimes = sortedOf(fleetRows.map((row) => ms(row.createdAt, row.finishedAt)));
    const addedTimes = sortedOf(
      fleetRows.map(
        (row) => ms(row.createdAt, row.finishedAt) - row.agentTaskIds.reduce((sum, id) => sum + (agentTime.get(id) ?? 0), 0),
      ),
    );
    return {
      tasks,
      directP50Ms: percentile(directTimes, 50),
      directP95Ms: percentile(directTimes, 95),
      fleetP50Ms: percentile(fleetTimes, 50),
      fleetP95Ms: percentile(fleetTimes, 95),
      addedP50Ms: percentile(addedTimes, 50),
      addedP95Ms: percentile(addedTimes, 95),
      addedVsDirectP95Ms: percentile(fleetTimes, 95) - percentile(directTimes, 95),
      addedOverDirectP50: ratio(percentile(addedTimes, 50), percentile(directTimes, 50)),
      addedOverDirectP95: ratio(percentile(addedTimes, 95), percentile(directTimes, 95)),
    };
  } finally {
    await t.close();
  }
}

export const describeFleetDispatch = (r: FleetDispatchBench) =>
  [
    `direct agent task (conversation turn, baseline)  p50 ${r.directP50Ms} ms  p95 ${r.directP95Ms} ms`,
    `fleet task, submitted → ended                    p50 ${r.fleetP50Ms} ms  p95 ${r.fleetP95Ms} ms`,
    `added by dispatch per task (less its agent task) p50 ${r.addedP50Ms} ms  p95 ${r.addedP95Ms} ms (goal ≤ 5 ms p95)`,
    `fleet p95 − direct p95                           ${r.addedVsDirectP95Ms} ms`,
    `added ÷ direct agent task                        p50 ${r.addedOverDirectP50}  p95 ${r.addedOverDirectP95}`,
    `(${r.tasks} tasks each way, interleaved, one at a time; mock provider, PGlite; times from the database clock)`,
  ].join('\n');
