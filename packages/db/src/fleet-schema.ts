import type { FleetAdminState, FleetLimits, FleetMemberRole, FleetStrategy } from '@agent-fleet/contracts';
import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agents, timestamps, workspaces } from './schema.js';

/** The fleet registry's tables (see tables.ts for the full list). */

/** A standing team of agents with a distribution strategy, capacity and limits. */
export const fleets = pgTable(
  'fleets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    strategy: jsonb('strategy').$type<FleetStrategy>().notNull(),
    adminState: text('admin_state').$type<FleetAdminState>().notNull().default('active'),
    maxConcurrency: integer('max_concurrency').notNull(),
    queueLimit: integer('queue_limit').notNull(),
    limits: jsonb('limits').$type<FleetLimits>().notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    // Unique regardless of case, as agent names are; also the index the list pages by.
    uniqueIndex('fleets_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

/**
 * An agent's membership of a fleet: one row per (fleet, agent). Deleting the agent deletes its
 * memberships (ON DELETE CASCADE): a fleet never points at an agent that is gone, and deleting an agent
 * is never refused because some fleet holds it. Other members' `allowed_delegates` may then name it;
 * the repository reads them through the current members only.
 */
export const fleetMembers = pgTable(
  'fleet_members',
  {
    fleetId: uuid('fleet_id')
      .notNull()
      .references(() => fleets.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    role: text('role').$type<FleetMemberRole>().notNull().default('worker'),
    weight: doublePrecision('weight').notNull().default(1),
    maxConcurrent: integer('max_concurrent').notNull().default(1),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    allowedDelegates: uuid('allowed_delegates')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.fleetId, t.agentId] }),
    // The cascade from agents, and "which fleets is this agent in", look members up by agent.
    index('fleet_members_agent_idx').on(t.agentId),
  ],
);
