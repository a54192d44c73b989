import type { DelegationTrip, DelegationTripRepository } from '@agent-fleet/core';
import { and, count, eq, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { delegationTrips } from './delegation-trip-schema.js';

/** Trips of the delegation limits, as rows; counted per fleet or per agent. */
export class DrizzleDelegationTripRepository implements DelegationTripRepository {
  constructor(private readonly db: Database) {}

  async insert(workspaceId: string, trip: DelegationTrip): Promise<void> {
    await this.db.insert(delegationTrips).values({ workspaceId, ...trip });
  }

  /** How many trips of each code a fleet's tasks, or an agent's delegations, had. */
  async countByCode(workspaceId: string, of: { fleetId?: string; agentId?: string }): Promise<Record<string, number>> {
    const where: SQL[] = [eq(delegationTrips.workspaceId, workspaceId)];
    if (of.fleetId) where.push(eq(delegationTrips.fleetId, of.fleetId));
    if (of.agentId) where.push(eq(delegationTrips.fromAgentId, of.agentId));
    const rows = await this.db
      .select({ code: delegationTrips.code, trips: count() })
      .from(delegationTrips)
      .where(and(...where))
      .groupBy(delegationTrips.code);
    return Object.fromEntries(rows.map((row) => [row.code, row.trips]));
  }
}
