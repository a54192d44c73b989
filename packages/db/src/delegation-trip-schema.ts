import type { DelegationTripCode } from '@agent-fleet/core';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agents, workspaceColumn } from './schema.js';

/** Delegation limits that tripped (see tables.ts for the full list). */

/**
 * One tripped delegation limit: a refused delegation (no task was created for it), or the root task
 * ended by its budget or deadline. Counted per fleet and per agent; the ids of tasks and fleets are kept
 * unlinked, so a count outlives what it counted.
 */
export const delegationTrips = pgTable(
  'delegation_trips',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    code: text('code').$type<DelegationTripCode>().notNull(),
    message: text('message').notNull(),
    rootTaskId: uuid('root_task_id').notNull(),
    taskId: uuid('task_id').notNull(),
    fromAgentId: uuid('from_agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    toAgentId: uuid('to_agent_id'),
    fleetId: uuid('fleet_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('delegation_trips_fleet_idx').on(t.workspaceId, t.fleetId, t.createdAt),
    index('delegation_trips_agent_idx').on(t.workspaceId, t.fromAgentId, t.createdAt),
  ],
);
