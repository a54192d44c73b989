import { count, eq } from 'drizzle-orm';
import type { Database } from './database.js';
import { fleets, fleetTasks } from './fleet-schema.js';
import { pipelineStepRuns } from './pipeline-schema.js';

/** Work waiting to be taken across every workspace: queued fleet tasks by fleet name, queued pipeline steps. */
export interface QueueDepthRow {
  queue: 'fleet_tasks' | 'pipeline_steps';
  /** The fleet's name; '' for pipeline steps. */
  fleet: string;
  depth: number;
}

/**
 * Reads queue depths for the operators' metrics at scrape time: two grouped counts over queued rows
 * (step runs through their partial `queued` index). Fleets of the same name in different workspaces
 * add up, as the metric has no workspace label.
 */
export class DrizzleQueueDepthReader {
  constructor(private readonly db: Database) {}

  async queueDepth(): Promise<QueueDepthRow[]> {
    const [byFleet, steps] = await Promise.all([
      this.db
        .select({ fleet: fleets.name, depth: count() })
        .from(fleetTasks)
        .innerJoin(fleets, eq(fleets.id, fleetTasks.fleetId))
        .where(eq(fleetTasks.status, 'queued'))
        .groupBy(fleets.name),
      this.db.select({ depth: count() }).from(pipelineStepRuns).where(eq(pipelineStepRuns.status, 'queued')),
    ]);
    return [
      ...byFleet.map((row) => ({ queue: 'fleet_tasks' as const, fleet: row.fleet, depth: Number(row.depth) })),
      { queue: 'pipeline_steps' as const, fleet: '', depth: Number(steps[0]?.depth ?? 0) },
    ];
  }
}
