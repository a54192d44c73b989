import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrateDatabase, migrationsFolder, openDatabase, type DatabaseHandle } from '@agent-fleet/db';
import pg from 'pg';

// The package does not export its package.json; read it beside the resolved entry point.
const PGLITE_VERSION = (
  JSON.parse(
    readFileSync(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8'),
  ) as {
    version: string;
  }
).version;

/**
 * Which database the tests use: PGlite unless `TEST_DB=postgres`, in which case `DATABASE_URL`
 * names a PostgreSQL server where the tests may create and drop databases.
 */
export const testDriver = (): 'pglite' | 'postgres' => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');

let pgliteTemplate: Promise<Blob> | undefined;
let postgresTemplate: Promise<string> | undefined;

/**
 * A fresh, migrated, empty database for one test. Close it when the test ends.
 *
 * PostgreSQL copies a migrated template database (a fraction of a second). A PGlite instance costs
 * seconds to start, so each test process keeps the ones it made: closing a PGlite database returns it
 * to the process's pool, and the next test gets it back emptied (every table truncated, the rows the
 * migrations seed put back). The handle a test holds stops working once closed, as a real one would.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (testDriver() === 'postgres') return createPostgresDatabase();
  const reused = idlePglite.pop();
  if (reused) {
    await reused.reset();
    return lend(reused);
  }
  return lend(await createPgliteDatabase());
}

interface PooledPglite {
  handle: DatabaseHandle;
  /** Empties every table and restores the migrations' seed rows. */
  reset(): Promise<void>;
}

const idlePglite: PooledPglite[] = [];

async function createPgliteDatabase(): Promise<PooledPglite> {
  pgliteTemplate ??= loadPgliteTemplate();
  const instance = await PGlite.create({ loadDataDir: await pgliteTemplate });
  const handle = await openDatabase({ driver: 'pglite', instance });
  const { rows } = await instance.query<{ tablename: string }>(
    "select tablename from pg_tables where schemaname = 'public' order by tablename",
  );
  const tables = rows.map((row) => `"${row.tablename}"`);
  const seeds: { table: string; rows: string }[] = [];
  for (const table of tables) {
    const seed = await instance.query<{ rows: string | null }>(`select json_agg(t)::text as rows from ${table} t`);
    const seeded = seed.rows[0]?.rows;
    if (seeded) seeds.push({ table, rows: seeded });
  }
  return {
    handle,
    async reset() {
      await instance.transaction(async (tx) => {
        await tx.exec(`truncate table ${tables.join(', ')} restart identity cascade`);
        // Seed rows go back as they were, whatever order their foreign keys would want.
        await tx.exec('set local session_replication_role = replica');
        for (const { table, rows } of seeds) {
          await tx.query(`insert into ${table} select * from json_populate_recordset(null::${table}, $1::json)`, [rows]);
        }
      });
    },
  };
}

/** A test's view of a pooled database: closing it gives the database back and disables the view. */
function lend(pooled: PooledPglite): DatabaseHandle {
  let closed = false;
  const open = () => {
    if (closed) throw new Error('The test database is closed');
  };
  const db = new Proxy(pooled.handle.db, {
    get(target, property) {
      open();
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    db,
    driver: pooled.handle.driver,
    writes: pooled.handle.writes,
    withConnection: (fn) => {
      open();
      return pooled.handle.withConnection(fn);
    },
    async ping() {
      open();
      await pooled.handle.ping();
    },
    async close() {
      if (closed) return;
      closed = true;
      idlePglite.push(pooled);
    },
  };
}

/**
 * The migrated template's data directory. Creating a PGlite cluster from nothing (initdb) takes
 * seconds, loading a dump well under one, so the dump is built once and cached in the temp folder
 * under a name that changes whenever a migration or the PGlite version does.
 */
async function loadPgliteTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `agent-fleet-pglite-${migrationsHash()}-${PGLITE_VERSION}.tar`);
  if (!existsSync(file)) {
    const instance = await PGlite.create();
    try {
      await migrateDatabase(await openDatabase({ driver: 'pglite', instance }));
      const dump = await instance.dumpDataDir('none');
      // Write then rename, so a parallel worker never reads a half-written template.
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
    } finally {
      await instance.close();
    }
  }
  return new Blob([readFileSync(file)]);
}

/** A digest of the migration files: templates are rebuilt when the schema changes. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function createPostgresDatabase(): Promise<DatabaseHandle> {
  const serverUrl = requireDatabaseUrl();
  postgresTemplate ??= ensurePostgresTemplate(serverUrl);
  const template = await postgresTemplate;
  const name = `af_test_${randomUUID().replaceAll('-', '')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`create database ${name} template ${template}`));
  const handle = await openDatabase({ driver: 'postgres', url: databaseUrl(serverUrl, name), poolSize: 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** One template per migration set, so a schema change never reuses a stale template. */
async function ensurePostgresTemplate(serverUrl: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(readFileSync(join(migrationsFolder, file)));
  }
  const name = `af_template_${hash.digest('hex').slice(0, 16)}`;
  await withAdmin(serverUrl, async (admin) => {
    // Test files run in parallel workers; the lock makes exactly one of them build the template.
    await admin.query('select pg_advisory_lock(7245002)');
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount) return;
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const handle = await openDatabase({ driver: 'postgres', url: databaseUrl(serverUrl, building), poolSize: 1 });
      try {
        await migrateDatabase(handle);
      } finally {
        await handle.close();
      }
      await admin.query(`alter database ${building} rename to ${name}`);
    } finally {
      await admin.query('select pg_advisory_unlock(7245002)');
    }
  });
  return name;
}

async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('TEST_DB=postgres needs DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
  return url;
}
