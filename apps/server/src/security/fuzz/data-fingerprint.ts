import { readdirSync } from 'node:fs';
import type { DatabaseHandle } from '@agent-fleet/db';
import { sql } from 'drizzle-orm';

interface Rows<T> {
  rows: T[];
}
const queries = new WeakMap<DatabaseHandle, ReturnType<typeof sql.raw>>();

/**
 * A fingerprint of all data: every table's rows (row count and an md5 of their text, failed-login audit
 * lines aside: recording those is the audit log doing its job; the engine's heartbeat rows aside) and the
 * number of blob files.
 */
export async function dataFingerprint(database: DatabaseHandle, blobDir: string): Promise<string> {
  let query = queries.get(database);
  if (!query) {
    const tables = (await database.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    )) as unknown as Rows<{ table_name: string }>;
    // The engine's worker rows are its heartbeat, rewritten every second whatever the requests do.
    const parts = tables.rows
      .filter(({ table_name: name }) => name !== 'engine_workers')
      .map(({ table_name: name }) => {
        const where = name === 'audit_events' ? ` where action not in ('auth.login_failed', 'auth.refresh_reused')` : '';
        return `'${name}:' || (select count(*) || ':' || coalesce(md5(string_agg(r::text, '|' order by r::text)), '') from "${name}" r${where})`;
      });
    query = sql.raw(`select ${parts.join(` || ' ' || `)} as fingerprint`);
    queries.set(database, query);
  }
  const result = (await database.db.execute(query)) as unknown as Rows<{ fingerprint: string }>;
  return `${result.rows[0]?.fingerprint} blobs:${readdirSync(blobDir, { recursive: true }).length}`;
}

/**
 * The next transaction id: it moves only when a transaction wrote (or tried to). While it stands still
 * nothing can have changed, so the full fingerprint is needed only when it moved.
 */
export async function nextTransactionId(database: DatabaseHandle): Promise<string> {
  const result = (await database.db.execute(
    sql`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`,
  )) as unknown as Rows<{ xmax: string }>;
  return result.rows[0]?.xmax ?? '';
}
