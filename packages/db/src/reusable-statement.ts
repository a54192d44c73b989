import { is } from 'drizzle-orm';
import type { PgPreparedQuery, PreparedQueryConfig } from 'drizzle-orm/pg-core';
import { PglitePreparedQuery } from 'drizzle-orm/pglite';
import type { Database } from './database.js';
import { namedStatementOptions } from './pglite-named-statements.js';

/** What the prepared statements of every driver hold: the connection they run on. */
interface Bound {
  client: unknown;
}

/** What Drizzle's PGlite statement passes PGlite with each execution (private in its types). */
interface PgliteConfigs {
  queryConfig: object;
  rawQueryConfig: object;
}

/**
 * A statement whose SQL is built once (`build` prepares it, its values as `sql.placeholder`s) and which
 * runs on the database or transaction it is given. Drizzle builds a statement's SQL on every execution,
 * which for a statement with CTEs and joins costs about as much as PGlite takes to run it; `.prepare()`
 * builds it once, but binds it to the connection it was built on (a transaction's, or the pool's), so a
 * prepared statement cannot be kept across transactions as such. Kept here: the built statement, one per
 * driver (each driver has its own class of prepared statement); each use runs it on the caller's
 * connection, so inside a transaction it is the transaction's statement. PostgreSQL plans it once per
 * connection: node-postgres prepares a statement with a name on each connection, and on PGlite it runs
 * as a named statement (`pgliteWithNamedStatements`).
 */
export function reusableStatement<T extends PgPreparedQuery<PreparedQueryConfig>>(
  build: (db: Database) => T,
): (db: Database) => T {
  const built = new Map<unknown, T>();
  return (db) => {
    const session = db._.session as unknown as Bound;
    const driver = session.constructor;
    let statement = built.get(driver);
    if (!statement) {
      statement = build(db);
      if (is(statement, PglitePreparedQuery)) {
        const configs = statement as unknown as PgliteConfigs;
        configs.queryConfig = namedStatementOptions(configs.queryConfig);
        configs.rawQueryConfig = namedStatementOptions(configs.rawQueryConfig);
      }
      built.set(driver, statement);
    }
    const bound = Object.create(statement) as T & Bound;
    bound.client = session.client;
    return bound;
  };
}
