import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '@agent-fleet/db';
import pg from 'pg';
import { snapshotDatabase, type DatabaseSnapshot, type SqlSession } from './database-reset.js';
import { migratedTemplatePath, migrationsHash } from './migrated-template.js';

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
 * Making one costs more than the tests that use it (a PGlite instance seconds, a PostgreSQL database
 * copied from the template and dropped again most of a second on a busy machine), so each test process
 * keeps the ones it made: closing a test database returns it to the process's pool, and the next test
 * gets it back emptied (see database-reset.ts). One whose schema a test changed is dropped instead. The
 * handle a test holds stops working once closed, as a real one would.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  return testDriver() === 'postgres' ? createPostgresDatabase() : createPgliteDatabase();
}

interface PooledPglite {
  instance: PGlite;
  handle: DatabaseHandle;
}

const idlePglite: PooledPglite[] = [];
let pgliteSnapshot: Promise<DatabaseSnapshot> | undefined;

const pgliteSession = (instance: PGlite): SqlSession => ({
  query: (text) => instance.query(text),
  exec: async (script) => {
    await instance.exec(script);
  },
});

async function createPgliteDatabase(): Promise<DatabaseHandle> {
  for (let reused = idlePglite.pop(); reused; reused = idlePglite.pop()) {
    if (await resetOrDiscard(pgliteSnapshot, pgliteSession(reused.instance))) return lend(reused);
    await reused.handle.close().catch(() => undefined);
  }
  const instance = await createMigratedPglite();
  pgliteSnapshot ??= snapshotDatabase(pgliteSession(instance));
  await pgliteSnapshot;
  return lend({ instance, handle: await openDatabase({ driver: 'pglite', instance }) });
}

/** A bare PGlite instance of the migrated schema, for tests of what wraps PGlite itself; the caller closes it. */
export async function createMigratedPglite(): Promise<PGlite> {
  pgliteTemplate ??= loadPgliteTemplate();
  return PGlite.create({ loadDataDir: await pgliteTemplate });
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
 * seconds, loading a dump well under one, so the dump is built once and cached in the temp folder.
 */
async function loadPgliteTemplate(): Promise<Blob> {
  const file = migratedTemplatePath('tar');
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

/** Databases this process made and its tests closed, ready to be reset and lent again. */
const idlePostgres: string[] = [];
let postgresSnapshot: Promise<DatabaseSnapshot> | undefined;

/**
 * Pooled databases outlive the tests, so their names say which machine and process made them: a
 * process sweeps up what dead processes of its machine left behind (see sweepPostgres).
 */
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const POSTGRES_PREFIX = `af_test_${HOST}_`;
let swept: Promise<void> | undefined;

async function createPostgresDatabase(): Promise<DatabaseHandle> {
  const serverUrl = requireDatabaseUrl();
  postgresTemplate ??= ensurePostgresTemplate(serverUrl);
  const template = await postgresTemplate;
  // In the background: a sweep that fails costs disk space, not a test.
  swept ??= sweepPostgres(serverUrl).catch(() => undefined);
  let name: string | undefined;
  for (let reused = idlePostgres.pop(); reused && !name; reused = idlePostgres.pop()) {
    const candidate = reused;
    const usable = await withClient(databaseUrl(serverUrl, candidate), (client) =>
      resetOrDiscard(postgresSnapshot, postgresSession(client)),
    ).catch(() => false);
    if (usable) name = candidate;
    else await dropPostgres(serverUrl, candidate);
  }
  if (!name) {
    name = `${POSTGRES_PREFIX}${process.pid}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await withAdmin(serverUrl, (admin) => admin.query(`create database ${name} template ${template}`));
    postgresSnapshot ??= withClient(databaseUrl(serverUrl, name), (client) => snapshotDatabase(postgresSession(client)));
    await postgresSnapshot;
  }
  const pooled = name;
  const handle = await openDatabase({ driver: 'postgres', url: databaseUrl(serverUrl, pooled), poolSize: 4 });
  let closed = false;
  return {
    ...handle,
    // The connections end with the test, so no session state (settings, locks) reaches the next one.
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
      idlePostgres.push(pooled);
    },
  };
}

const postgresSession = (client: pg.Client): SqlSession => ({
  query: async (text) => ({ rows: (await client.query(text)).rows as never[] }),
  exec: async (script) => {
    await client.query(script);
  },
});

/** Resets a pooled database; false (drop it) when its schema changed or the reset failed. */
async function resetOrDiscard(snapshot: Promise<DatabaseSnapshot> | undefined, session: SqlSession): Promise<boolean> {
  if (!snapshot) return false;
  try {
    return await (await snapshot).reset(session);
  } catch {
    return false;
  }
}

async function dropPostgres(serverUrl: string, name: string): Promise<void> {
  await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`)).catch(() => undefined);
}

/**
 * Drops the pooled databases of processes of this machine that have ended. Without FORCE: a database
 * someone is connected to stays.
 */
async function sweepPostgres(serverUrl: string): Promise<void> {
  const { rows } = await withAdmin(serverUrl, (admin) =>
    admin.query<{ name: string }>('select datname as name from pg_database where starts_with(datname, $1)', [POSTGRES_PREFIX]),
  );
  for (const { name } of rows) {
    const pid = Number(name.slice(POSTGRES_PREFIX.length).split('_')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name}`)).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One template per migration set, so a schema change never reuses a stale template. */
async function ensurePostgresTemplate(serverUrl: string): Promise<string> {
  const name = `af_template_${migrationsHash()}`;
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
  return withClient(serverUrl, fn);
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
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
