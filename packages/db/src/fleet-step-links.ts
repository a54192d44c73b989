import type { FleetStepLinkRepository, FleetStepRef, FleetStepTaskRef } from '@agent-fleet/core';
import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { fleets, fleetTasks } from './fleet-schema.js';
import { pipelineStepRuns } from './pipeline-schema.js';

const OPEN_TASK = ['queued', 'running'] as const;
const ENDED_TASK = ['succeeded', 'failed', 'cancelled'] as const;
const ENDED_STEP = ['succeeded', 'failed', 'cancelled', 'skipped'] as const;

const taskRef = {
  workspaceId: fleetTasks.workspaceId,
  fleetId: fleetTasks.fleetId,
  taskId: fleetTasks.id,
};

/** Fleet tasks joined to the `fleet` pipeline steps that submitted them (docs/pipelines.md, "fleet"). */
export class DrizzleFleetStepLinks implements FleetStepLinkRepository {
  constructor(private readonly db: Database) {}

  async fleetIdByName(workspaceId: string, name: string): Promise<string | null> {
    const [row] = await this.db
      .select({ id: fleets.id })
      .from(fleets)
      .where(and(eq(fleets.workspaceId, workspaceId), sql`lower(${fleets.name}) = lower(${name})`))
      .limit(1);
    return row?.id ?? null;
  }

  async openTasksOfSteps(stepRunIds: readonly string[]): Promise<FleetStepTaskRef[]> {
    if (stepRunIds.length === 0) return [];
    return this.db
      .select(taskRef)
      .from(fleetTasks)
      .where(and(inArray(fleetTasks.pipelineStepRunId, [...stepRunIds]), inArray(fleetTasks.status, [...OPEN_TASK])));
  }

  async waitingOnEndedTasks(limit: number): Promise<FleetStepRef[]> {
    const waitedFor = sql<string>`${pipelineStepRuns.state}->>'fleetTaskId'`;
    const rows = await this.db
      .select({
        workspaceId: pipelineStepRuns.workspaceId,
        runId: pipelineStepRuns.runId,
        stepRunId: pipelineStepRuns.id,
        fleetId: sql<string>`${pipelineStepRuns.state}->>'fleetId'`,
        taskId: waitedFor,
      })
      .from(pipelineStepRuns)
      .leftJoin(fleetTasks, sql`${fleetTasks.id} = (${waitedFor})::uuid`)
      .where(
        and(
          eq(pipelineStepRuns.status, 'waiting'),
          eq(pipelineStepRuns.type, 'fleet'),
          isNotNull(waitedFor),
          or(isNull(fleetTasks.id), inArray(fleetTasks.status, [...ENDED_TASK])),
        ),
      )
      .limit(limit);
    return rows;
  }

  async openTasksOfEndedSteps(limit: number): Promise<FleetStepTaskRef[]> {
    return this.db
      .select(taskRef)
      .from(fleetTasks)
      .innerJoin(pipelineStepRuns, eq(pipelineStepRuns.id, fleetTasks.pipelineStepRunId))
      .where(and(inArray(fleetTasks.status, [...OPEN_TASK]), inArray(pipelineStepRuns.status, [...ENDED_STEP])))
      .limit(limit);
  }
}
