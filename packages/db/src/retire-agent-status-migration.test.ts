import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from './migrate.js';

/**
 * Migration 0010 drops agents.status after carrying what people had set into the admin state. Run on a
 * database migrated to 0009 holding agents of each old status.
 */
const WORKSPACE = '00000000-0000-4000-8000-000000000001';
const files = readdirSync(migrationsFolder)
  .filter((file) => file.endsWith('.sql'))
  .sort();
const run = async (db: PGlite, file: string) => {
  for (const statement of readFileSync(join(migrationsFolder, file), 'utf8').split('--> statement-breakpoint')) {
    await db.exec(statement);
  }
};

let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
  for (const file of files.filter((name) => name < '0010')) await run(db, file);
  const agent = (name: string, status: string) =>
    db.query(
      `insert into agents (workspace_id, name, model, system_prompt, limits, status)
       values ($1, $2, '{}', '{}', '{}', $3)`,
      [WORKSPACE, name, status],
    );
  for (const [name, status] of [
    ['idle', 'idle'],
    ['busy', 'busy'],
    ['error', 'error'],
    ['paused', 'paused'],
    ['offline', 'offline'],
    ['drained-offline', 'offline'],
  ]) {
    await agent(name as string, status as string);
  }
  // Someone already set this one's admin state: it keeps it, with no history row added.
  await db.query(
    `insert into agent_admin_states (agent_id, workspace_id, admin_state)
     select id, workspace_id, 'draining' from agents where name = 'drained-offline'`,
  );
  await run(db, '0010_retire_agent_status.sql');
}, 60_000);
afterAll(() => db.close());

describe('migration 0010 (retire agents.status)', () => {
  it('makes paused agents paused and offline ones disabled, leaving the rest active', async () => {
    const { rows } = await db.query<{ name: string; admin_state: string | null }>(
      `select a.name, s.admin_state from agents a left join agent_admin_states s on s.agent_id = a.id order by a.name`,
    );
    expect(Object.fromEntries(rows.map((row) => [row.name, row.admin_state]))).toEqual({
      busy: null,
      'drained-offline': 'draining',
      error: null,
      idle: null,
      offline: 'disabled',
      paused: 'paused',
    });
  });

  it('records each carried state in the history as the system', async () => {
    const { rows } = await db.query(
      `select a.name, c.from_state, c.to_state, c.reason, c.actor_type, c.actor_id
       from agent_state_changes c join agents a on a.id = c.agent_id order by a.name`,
    );
    const migrated = {
      from_state: 'active',
      reason: 'migrated from the retired status field',
      actor_type: 'system',
      actor_id: null,
    };
    expect(rows).toEqual([
      { name: 'offline', to_state: 'disabled', ...migrated },
      { name: 'paused', to_state: 'paused', ...migrated },
    ]);
  });

  it('drops the column', async () => {
    const { rows } = await db.query(
      `select column_name from information_schema.columns where table_name = 'agents' and column_name = 'status'`,
    );
    expect(rows).toEqual([]);
  });
});
