/**
 * Puts a test database that a test has used back to the state of a freshly migrated one, cheaply: the
 * tables a test wrote to are emptied with DELETE (TRUNCATE makes new files for every table and index,
 * which on PostgreSQL cost more than creating a database from the template), the rows the migrations
 * seed go back, and sequences restart. A database whose schema a test changed (a trigger it added, a
 * table it altered) is not reset but reported unusable, so the pool discards it.
 */

/** One connection: `query` for a single statement, `exec` for a script of several without parameters. */
export interface SqlSession {
  query<T>(text: string): Promise<{ rows: T[] }>;
  exec(script: string): Promise<void>;
}

export interface DatabaseSnapshot {
  /** Empties what the test wrote; false when the schema changed and the database should be dropped. */
  reset(session: SqlSession): Promise<boolean>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Every object of the public schema a test could add or change: relations (tables, indexes, views,
 * sequences), columns, constraints, triggers (enabled or not), functions.
 */
const SCHEMA_FINGERPRINT = `(select md5(coalesce(string_agg(item, ',' order by item), '')) from (
  select 'r:' || c.relname || ':' || c.relkind::text from pg_class c where c.relnamespace = 'public'::regnamespace
  union all select 'a:' || c.relname || '.' || a.attname || ':' || a.atttypid::text || ':' || a.attnotnull::text
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = 'public'::regnamespace and a.attnum > 0 and not a.attisdropped
  union all select 'k:' || c.conname || ':' || c.contype::text from pg_constraint c where c.connamespace = 'public'::regnamespace
  union all select 't:' || t.tgname || ':' || t.tgenabled::text from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where c.relnamespace = 'public'::regnamespace and not t.tgisinternal
  union all select 'f:' || p.proname from pg_proc p where p.pronamespace = 'public'::regnamespace
) items(item))`;

/**
 * Reads a freshly migrated database: its tables in an order that deletes children before their
 * parents, the seed rows, the sequences and the schema fingerprint.
 */
export async function snapshotDatabase(session: SqlSession): Promise<DatabaseSnapshot> {
  const { rows: tableRows } = await session.query<{ name: string }>(
    "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
  );
  const tables = tableRows.map((row) => row.name);
  const { rows: edges } = await session.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
     where k.contype = 'f' and k.connamespace = 'public'::regnamespace`,
  );
  const order = childrenFirst(tables, edges);
  const seeds: { table: string; rows: string }[] = [];
  for (const table of order ? [...order].reverse() : tables) {
    const { rows } = await session.query<{ rows: string | null }>(`select json_agg(t)::text as rows from ${quote(table)} t`);
    const seeded = rows[0]?.rows;
    if (seeded) seeds.push({ table, rows: seeded });
  }
  const { rows: sequences } = await session.query<{ name: string; start: string }>(
    "select sequencename as name, start_value::text as start from pg_sequences where schemaname = 'public'",
  );
  const probe = `select ${SCHEMA_FINGERPRINT} as schema, to_json(array_remove(array[${tables
    .map((table) => `case when exists (select from ${quote(table)}) then '${table}' end`)
    .join(', ')}]::text[], null))::text as dirty`;
  const { rows: fingerprint } = await session.query<{ schema: string }>(`select ${SCHEMA_FINGERPRINT} as schema`);
  const schema = fingerprint[0]?.schema;

  // Seed rows are restored as JSON literals: no parameters, so the whole reset is one script.
  const seedInserts = seeds.map(({ table, rows }) => {
    const tag = `$seed_${Math.random().toString(36).slice(2)}$`;
    return `insert into ${quote(table)} overriding system value select * from json_populate_recordset(null::${quote(table)}, ${tag}${rows}${tag});`;
  });
  const sequenceResets = sequences.map(({ name, start }) => `select setval('${quote(name)}', ${start}, false);`);

  return {
    async reset(current) {
      const { rows } = await current.query<{ schema: string; dirty: string }>(probe);
      const state = rows[0];
      if (!state || state.schema !== schema) return false;
      const dirty = new Set(JSON.parse(state.dirty) as string[]);
      for (const { table } of seeds) dirty.add(table);
      const tail = [...seedInserts, ...sequenceResets, 'commit;'].join('\n');
      const deletes = order
        ? order.filter((table) => dirty.has(table)).map((table) => `delete from ${quote(table)};`)
        : [`truncate table ${[...dirty].map(quote).join(', ')} cascade;`];
      try {
        await current.exec(['begin;', ...deletes, tail].join('\n'));
      } catch {
        // A foreign key DELETE cannot satisfy in one pass (ON DELETE RESTRICT within a table): TRUNCATE can.
        await current.exec('rollback;').catch(() => undefined);
        await current.exec(['begin;', `truncate table ${[...dirty].map(quote).join(', ')} cascade;`, tail].join('\n'));
      }
      return true;
    },
  };
}

/** Tables ordered so that each comes before every table it references; undefined on a cycle. */
function childrenFirst(tables: string[], edges: { child: string; parent: string }[]): string[] | undefined {
  const parents = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of edges) if (child !== parent) parents.get(child)?.add(parent);
  const referencedBy = new Map(tables.map((table) => [table, 0]));
  for (const set of parents.values()) for (const parent of set) referencedBy.set(parent, (referencedBy.get(parent) ?? 0) + 1);
  const ready = tables.filter((table) => referencedBy.get(table) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const table = ready.shift() as string;
    order.push(table);
    for (const parent of parents.get(table) ?? []) {
      const left = (referencedBy.get(parent) ?? 0) - 1;
      referencedBy.set(parent, left);
      if (left === 0) ready.push(parent);
    }
  }
  return order.length === tables.length ? order : undefined;
}
