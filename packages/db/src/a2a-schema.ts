import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { fleets } from './fleet-schema.js';
import { agents, conversations, timestamps, workspaceColumn } from './schema.js';

/** The A2A protocol's tables (see tables.ts for the full list). */

/**
 * An A2A `contextId` and the conversation it continues. The id is the client's (or the SDK's) and is
 * unique across workspaces, so a context can never be continued from another workspace or agent; the
 * conversation going deletes the mapping, and the next message with that id starts a new conversation.
 */
export const a2aContexts = pgTable(
  'a2a_contexts',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceColumn(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('a2a_contexts_agent_idx').on(t.agentId), index('a2a_contexts_conversation_idx').on(t.conversationId)],
);

/**
 * An A2A task as the protocol sees it (status, history, artifacts), stored whole as the SDK's JSON form.
 * `state` and `status_at` repeat what the JSON says so lists can filter and page without reading it.
 * A task was sent to exactly one agent or one fleet (a fleet's task also names its fleet task in the
 * JSON's metadata; that row stays the truth of how it went).
 */
export const a2aTasks = pgTable(
  'a2a_tasks',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceColumn(),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'cascade' }),
    fleetId: uuid('fleet_id').references(() => fleets.id, { onDelete: 'cascade' }),
    contextId: text('context_id').notNull(),
    /** The protocol's state name, e.g. `TASK_STATE_WORKING`. */
    state: text('state').notNull(),
    /** When the status last changed (the status's own timestamp); lists sort by it, newest first. */
    statusAt: timestamp('status_at', { withTimezone: true, precision: 3 }).notNull(),
    task: jsonb('task').$type<Record<string, unknown>>().notNull(),
    /** The server instance that last wrote the task (it runs the task while open); recovery reads it. */
    owner: text('owner'),
    ...timestamps,
  },
  (t) => [
    // ListTasks: an agent's tasks, newest status first (since an instant, too), or those of one context or
    // one state; each list reads its page and its count from an index, scanned backwards.
    index('a2a_tasks_agent_status_idx').on(t.workspaceId, t.agentId, t.statusAt, t.id),
    index('a2a_tasks_agent_context_idx').on(t.workspaceId, t.agentId, t.contextId, t.statusAt, t.id),
    index('a2a_tasks_agent_state_idx').on(t.workspaceId, t.agentId, t.state, t.statusAt, t.id),
    // A fleet's tasks are fewer: one index serves its lists, filtered by context or state on the way. It
    // holds fleet tasks only, so an agent's lists never read it instead of their own.
    index('a2a_tasks_fleet_status_idx')
      .on(t.workspaceId, t.fleetId, t.statusAt, t.id)
      .where(sql`${t.fleetId} is not null`),
    check('a2a_tasks_one_target', sql`num_nonnulls(${t.agentId}, ${t.fleetId}) = 1`),
    // Recovery looks only at tasks still open, by owner.
    index('a2a_tasks_open_owner_idx')
      .on(t.owner)
      .where(sql`${t.state} in ('TASK_STATE_SUBMITTED', 'TASK_STATE_WORKING')`),
  ],
);
