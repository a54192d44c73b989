import { randomUUID } from 'node:crypto';
import type { CursorPosition } from '@agent-fleet/core';
import { createTestDatabase, insertAgent, insertWorkspace } from '@agent-fleet/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleA2ARepository } from './a2a-repository.js';
import { DrizzleAgentTaskRepository } from './agent-task-repository.js';
import { DrizzleConversationRepository } from './conversation-repository.js';
import { DrizzleFleetTaskRepository } from './fleet-task-repository.js';
import type { Database, DatabaseHandle } from './database.js';
import { DrizzleLlmCallRepository } from './llm-call-repository.js';
import { DrizzleMessageRepository } from './message-repository.js';
import { DrizzleAuditRepository } from './security-store.js';

/**
 * Every list query of a table that grows without bound must be served by an index: its filters in the
 * index condition and its order from the index, never a scan of the table or of a whole workspace.
 * Each list runs for real while its SQL is recorded; then each statement is EXPLAINed with sequential
 * scans, bitmap scans and sorts priced out, so the plan shows one only when no index can avoid it.
 */
const GROWING_TABLES = [
  'conversations',
  'messages',
  'agent_tasks',
  'llm_calls',
  'audit_events',
  'fleet_tasks',
  'fleet_routing_records',
  'a2a_tasks',
];

interface Statement {
  sql: string;
  params: unknown[];
}

interface QueryClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Drizzle hands every statement to its session's logger; the test listens there. */
interface DrizzleInternals {
  session: { logger: { logQuery(sql: string, params: unknown[]): void }; client: QueryClient };
}

let handle: DatabaseHandle;
let workspaceId: string;
let agentId: string;
const busyFleetId = randomUUID();

beforeAll(async () => {
  handle = await createTestDatabase();
  workspaceId = await insertWorkspace(handle.db, 'Indexes');
  agentId = (await insertAgent(handle.db, workspaceId)).id;
  // A ledger with statistics, so that the planner weighs one index against another as it would in use.
  await handle.db.execute(sql`
    insert into llm_calls (workspace_id, provider, model, latency_ms, outcome, agent_id, conversation_id, task_id)
    select ${workspaceId}, 'mock', 'echo', 1, 'success',
      case when n % 30 = 0 then ${agentId}::uuid else md5((n % 30)::text)::uuid end,
      md5((n % 50)::text)::uuid, md5((n % 70)::text)::uuid
    from generate_series(1, 2000) n`);
  await handle.db.execute(sql`analyze llm_calls`);
  // A2A tasks of many contexts and a few states, likewise.
  await handle.db.execute(sql`
    insert into a2a_tasks (id, workspace_id, agent_id, context_id, state, status_at, task)
    select gen_random_uuid(), ${workspaceId}, ${agentId}, 'ctx-' || (n % 400),
      (array['TASK_STATE_COMPLETED', 'TASK_STATE_FAILED', 'TASK_STATE_CANCELED', 'TASK_STATE_WORKING'])[1 + n % 4],
      now() - n * interval '1 minute', '{}'::jsonb
    from generate_series(1, 2000) n`);
  await handle.db.execute(sql`analyze a2a_tasks`);
  // Fleet tasks of a few big fleets, most of them ended, as in use, likewise. The list reads the busiest:
  // for a fleet the planner expects one row of, any index is as good as another, and it picked the
  // fleet's created-order index with a status filter in one clean run of three.
  await handle.db.execute(sql`
    insert into fleets (id, workspace_id, name, strategy, max_concurrency, queue_limit, limits)
    select case n when 0 then ${busyFleetId}::uuid else gen_random_uuid() end, ${workspaceId}, 'fleet-' || n, '{"type":"round_robin"}'::jsonb, 1, 1, '{}'::jsonb
    from generate_series(0, 3) n`);
  await handle.db.execute(sql`
    insert into fleet_tasks (workspace_id, fleet_id, status, input, created_at)
    select ${workspaceId}, (select id from fleets where name = 'fleet-' || (n % 4)),
      case n % 100 when 0 then 'queued' when 1 then 'running' when 2 then 'failed' else 'succeeded' end, '"hello"'::jsonb,
      now() - n * interval '1 minute'
    from generate_series(1, 20000) n`);
  await handle.db.execute(sql`analyze fleets, fleet_tasks`);
});
afterAll(() => handle.close());

async function recordStatements(run: (db: Database) => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  await handle.withConnection(async (db) => {
    const session = (db as unknown as DrizzleInternals).session;
    const logger = session.logger;
    session.logger = { logQuery: (sql, params) => statements.push({ sql, params }) };
    try {
      await run(db);
    } finally {
      session.logger = logger;
    }
  });
  return statements;
}

/** The plan's lines that read a growing table without a matching index. */
async function unindexedReads(statements: Statement[]): Promise<string[]> {
  return handle.withConnection(async (db) => {
    const client = (db as unknown as DrizzleInternals).session.client;
    await client.query('set enable_seqscan = off');
    await client.query('set enable_bitmapscan = off');
    await client.query('set enable_sort = off');
    try {
      const problems: string[] = [];
      for (const statement of statements) {
        const { rows } = await client.query(`explain ${statement.sql}`, statement.params);
        const plan = rows.map((row) => String(Object.values(row)[0]));
        const readsGrowing = plan.some((line) => GROWING_TABLES.some((table) => line.includes(` on ${table}`)));
        let scanned: string | undefined;
        for (const line of plan) {
          const node = /(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)(?: Backward)?(?: using \S+)? on (\w+)/.exec(
            line,
          );
          if (node) scanned = node[1];
          const growing = scanned !== undefined && GROWING_TABLES.includes(scanned);
          // A filter on the workspace alone is the tenancy guard on rows an index already narrowed to one parent.
          const filtered = /\bFilter:/.test(line) && !/Filter: \(workspace_id = '[^']+'::uuid\)$/.test(line.trim());
          const unindexed =
            (growing && (/Seq Scan|Bitmap Heap Scan/.test(line) || filtered)) || (readsGrowing && /\bSort(?! Key)/.test(line));
          if (unindexed) problems.push(`${line.trim()}\n  in: ${statement.sql}`);
        }
      }
      return problems;
    } finally {
      await client.query('reset enable_seqscan');
      await client.query('reset enable_bitmapscan');
      await client.query('reset enable_sort');
    }
  });
}

const cursor = (value: string): CursorPosition => ({ sort: 'any', value, id: randomUUID() });
const later = cursor('2030-01-01T00:00:00.000Z');

// Each case reads a first page and a page after a cursor; a tiny limit makes both count too.
const cases: [string, (db: Database) => Promise<unknown>][] = [
  [
    'conversations of the workspace',
    async (db) => {
      const repository = new DrizzleConversationRepository(db);
      await repository.list(workspaceId, { limit: 1 });
      await repository.list(workspaceId, { limit: 1, after: later });
    },
  ],
  [
    'conversations of an agent',
    async (db) => {
      const repository = new DrizzleConversationRepository(db);
      await repository.list(workspaceId, { limit: 1, agentId });
      await repository.list(workspaceId, { limit: 1, agentId, after: later });
    },
  ],
  [
    'messages of a conversation, both orders',
    async (db) => {
      const repository = new DrizzleMessageRepository(db);
      for (const order of ['asc', 'desc'] as const) {
        await repository.list(workspaceId, randomUUID(), { limit: 1, order });
        await repository.list(workspaceId, randomUUID(), { limit: 1, order, after: cursor('5') });
      }
    },
  ],
  [
    'tasks of an agent',
    async (db) => {
      const repository = new DrizzleAgentTaskRepository(db);
      await repository.list(workspaceId, agentId, { limit: 1 });
      await repository.list(workspaceId, agentId, { limit: 1, after: later });
    },
  ],
  [
    'LLM calls of the workspace, an agent, a conversation and a task',
    async (db) => {
      const repository = new DrizzleLlmCallRepository(db);
      for (const filter of [{}, { agentId }, { conversationId: randomUUID() }, { taskId: randomUUID() }]) {
        await repository.list(workspaceId, { limit: 1, ...filter });
        await repository.list(workspaceId, { limit: 1, ...filter, after: later });
      }
    },
  ],
  [
    'tasks of a fleet, all and by status',
    async (db) => {
      const repository = new DrizzleFleetTaskRepository(db);
      // A fleet with many tasks: for an unknown fleet the planner expects one row and any index will do.
      const fleetId = busyFleetId;
      for (const filter of [{}, { status: 'queued' as const }]) {
        await repository.list(workspaceId, fleetId, { limit: 1, ...filter });
        await repository.list(workspaceId, fleetId, { limit: 1, ...filter, after: later });
      }
    },
  ],
  [
    'routing records of a fleet and of a task',
    async (db) => {
      const repository = new DrizzleFleetTaskRepository(db);
      const fleetId = randomUUID();
      for (const filter of [{}, { taskId: randomUUID() }]) {
        await repository.listRouting(workspaceId, fleetId, { limit: 1, ...filter });
        await repository.listRouting(workspaceId, fleetId, { limit: 1, ...filter, after: later });
      }
    },
  ],
  [
    "agent tasks of a fleet task's tree, in start order",
    async (db) => {
      await new DrizzleFleetTaskRepository(db).agentTaskTree(workspaceId, randomUUID(), 1);
    },
  ],
  [
    'A2A tasks of an agent: all, since an instant, of a context, of a state',
    async (db) => {
      const repository = new DrizzleA2ARepository(db);
      const after = { statusAt: '2030-01-01T00:00:00.000Z', id: randomUUID() };
      const scope = { workspaceId, agentId };
      for (const filter of [
        {},
        { statusAfter: '2020-01-01T00:00:00.000Z' },
        { contextId: 'ctx-7' },
        { state: 'TASK_STATE_WORKING' },
      ]) {
        await repository.listTasks(scope, { limit: 1, ...filter });
        await repository.listTasks(scope, { limit: 1, ...filter, after });
      }
    },
  ],
  [
    'the audit log',
    async (db) => {
      const repository = new DrizzleAuditRepository(db);
      await repository.list(workspaceId, { limit: 1 });
      await repository.list(workspaceId, { limit: 1, after: later });
    },
  ],
];

describe('list queries of growing tables', () => {
  it.each(cases)('read %s through an index', async (_name, run) => {
    const statements = await recordStatements(run);
    expect(statements.length).toBeGreaterThan(0);
    expect(await unindexedReads(statements)).toEqual([]);
  });

  it('finds a list query without a matching index', async () => {
    // Proof the check can fail: conversations in title order have no index.
    const statements = await recordStatements((db) =>
      db.execute(sql`select id from conversations where workspace_id = ${workspaceId} order by title limit 5`),
    );
    expect((await unindexedReads(statements)).length).toBeGreaterThan(0);
  });
});
