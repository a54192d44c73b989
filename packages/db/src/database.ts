import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './tables.js';
import { pgliteWithNamedStatements } from './pglite-named-statements.js';
import { pgliteWithTextParsers } from './pglite-text-parsers.js';
import { pgliteWithTurns } from './pglite-turns.js';
import { trackedPgClient, trackedPglite, WriteClock } from './write-clock.js';

/** A Drizzle database or transaction; repositories take either so callers can compose transactions. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseDriver = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: DatabaseDriver;
  /** Moves after every write committed through this handle (see `WriteClock`). */
  readonly writes: WriteClock;
  /** Runs `fn` with exclusive use of one connection (for migrations under an advisory lock). */
  withConnection<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { driver: 'postgres'; url: string; poolSize?: number }
  /** `dataDir` undefined means in memory. */
  | { driver: 'pglite'; dataDir?: string }
  /** Adopt an already open PGlite instance (tests clone a migrated template). */
  | { driver: 'pglite'; instance: PGlite };

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.driver === 'postgres' ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options);
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const writes = new WriteClock();
  const pool = new pg.Pool({ connectionString: url, max: poolSize, Client: trackedPgClient(writes) });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzleNodePg(pool, { schema }) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    writes,
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(drizzleNodePg(client, { schema }) as unknown as Database);
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

async function openPglite(options: { dataDir?: string } | { instance: PGlite }): Promise<DatabaseHandle> {
  let client: PGlite;
  if ('instance' in options) {
    client = options.instance;
  } else {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    client = await PGlite.create(options.dataDir);
  }
  const writes = new WriteClock();
  const db = drizzlePglite(trackedPglite(pgliteWithTurns(pgliteWithTextParsers(pgliteWithNamedStatements(client))), writes), {
    schema,
  }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    writes,
    // PGlite has a single connection already.
    withConnection: (fn) => fn(db),
    async ping() {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}
