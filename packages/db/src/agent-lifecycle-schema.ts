import type { AgentAdminState, AgentStateChange } from '@agent-fleet/contracts';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agents, workspaces } from './schema.js';

/**
 * The agent lifecycle's tables, apart from schema.ts as fleet-schema.ts is; drizzle.config.ts and the
 * migration-drift test read all three files.
 */

/**
 * An agent's admin state, when it is not the default: an agent without a row is `active`. Kept beside
 * `agents` (not a column of it) so setting it neither bumps the agent's version nor conflicts with edits.
 */
export const agentAdminStates = pgTable(
  'agent_admin_states',
  {
    agentId: uuid('agent_id')
      .primaryKey()
      .references(() => agents.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    adminState: text('admin_state').$type<AgentAdminState>().notNull(),
    /** While draining with a timeout: when it pauses regardless of work in flight. */
    drainDeadline: timestamp('drain_deadline', { withTimezone: true, precision: 3 }),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  // The drain sweep looks only at draining agents.
  (t) => [index('agent_admin_states_state_idx').on(t.adminState)],
);

/** Every admin-state change of an agent, append-only: who, why, when, from → to. */
export const agentStateChanges = pgTable(
  'agent_state_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    fromState: text('from_state').$type<AgentAdminState>().notNull(),
    toState: text('to_state').$type<AgentAdminState>().notNull(),
    reason: text('reason').notNull().default(''),
    actorType: text('actor_type').$type<AgentStateChange['actorType']>().notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    drainDeadline: timestamp('drain_deadline', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('agent_state_changes_agent_created_idx').on(t.workspaceId, t.agentId, t.createdAt, t.id)],
);
