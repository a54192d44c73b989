import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * `insert into <table> (<columns>) select <columns> from jsonb_populate_recordset(...)`: many rows as
 * **one** JSON parameter instead of one parameter per value. A thousand rows of 25 columns are then one
 * string to send, not 25,000 values for the query builder to walk and the driver to encode one by one,
 * which is where a busy engine's time went (see docs/benchmarks.md). PostgreSQL turns each JSON field
 * into its column's type: ISO timestamps, numbers, uuids as text, and `jsonb` columns take the nested
 * JSON value as it is.
 *
 * The columns are the rows' keys that name a column of the table; a column no row names gets its
 * default, and a row without a key another row has (or with `undefined` there) writes `null`. Strings must already be storable (no NUL, no lone surrogate: see `storable`).
 * Append an `on conflict` clause as SQL when the insert is an upsert (see `excludedSet`).
 */
export function insertJsonRows(table: PgTable, rows: readonly Record<string, unknown>[]): SQL {
  const columns = getTableColumns(table);
  // Loops, not flatMap and fromEntries: a busy engine writes tens of thousands of rows a second here.
  const seen = new Set<string>();
  for (const row of rows) for (const key in row) seen.add(key);
  const keys = [...seen].filter((key) => key in columns);
  const names = keys.map((key) => columns[key]?.name ?? key);
  const json = JSON.stringify(
    rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (const [i, key] of keys.entries()) record[names[i] ?? key] = row[key] ?? null;
      return record;
    }),
  );
  const list = sql.raw(names.map(quote).join(', '));
  const type = sql.raw(quote(getTableName(table)));
  return sql`insert into ${type} (${list}) select ${list} from jsonb_populate_recordset(null::${type}, ${json}::jsonb)`;
}

/** `col = excluded.col, …` for the `keys` of an upsert written with `insertJsonRows`; `add` keys are summed instead. */
export function excludedSet(table: PgTable, keys: readonly string[], add: readonly string[] = []): SQL {
  const columns = getTableColumns(table);
  const tableName = quote(getTableName(table));
  const set = (key: string) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return quote(column.name);
  };
  return sql.raw(
    [
      ...keys.map((key) => `${set(key)} = excluded.${set(key)}`),
      ...add.map((key) => `${set(key)} = ${tableName}.${set(key)} + excluded.${set(key)}`),
    ].join(', '),
  );
}
