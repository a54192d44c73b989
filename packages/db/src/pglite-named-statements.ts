import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

const NAMED = Symbol('named statement');

/** Query options that ask `pgliteWithNamedStatements` to run the statement as a named (server-side prepared) one. */
export const namedStatementOptions = <T extends object>(options: T): T => ({ ...options, [NAMED]: true });

const isNamed = (options: QueryOptions | undefined): boolean => (options as { [NAMED]?: boolean } | undefined)?.[NAMED] === true;

type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

interface Prepared {
  name: string;
  paramTypes: number[];
  /** Its rows' description (null: it returns none), read once with it instead of a portal's at every run. */
  fields: BackendMessage | null;
}

/** The statements prepared on each instance (its one session), by their text. */
const preparedOn = new WeakMap<PGlite, Map<string, Prepared>>();
let sequence = 0;

/** Protocol messages sent as one, so that PGlite's WebAssembly is entered once for them. */
function together(...messages: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(messages.reduce((length, message) => length + message.length, 0));
  let offset = 0;
  for (const message of messages) {
    joined.set(message, offset);
    offset += message.length;
  }
  return joined;
}

/**
 * PGlite running the statements whose options say so (`namedStatementOptions`) as named statements:
 * parsed and described once per instance, then only bound and executed, so that PostgreSQL plans them
 * once (its plan cache keeps a generic plan after a few runs) instead of parsing and planning them for
 * every execution, as PGlite's `query` does with its unnamed statement. Planning is most of a statement
 * with CTEs and joins in PGlite's WebAssembly (1.9 of 2.1 ms for the fleet's placement view). This is
 * what node-postgres does for a statement with a name, which Drizzle's PGlite driver ignores. A run is
 * one call into PGlite (bind, execute and sync together: 70 µs against PGlite's 160 µs for the same
 * messages one by one, and 450 µs for its `query` of a one-row select). Other statements go to PGlite
 * as they are. A named statement lives as long as the session, across transactions and their rollbacks.
 */
export function pgliteWithNamedStatements(client: PGlite): PGlite {
  const prepared = preparedOn.get(client) ?? new Map<string, Prepared>();
  preparedOn.set(client, prepared);
  const { serialize } = protocol;
  // With the sync in the same call, PostgreSQL has ended the exchange even when a message failed.
  const send = (...messages: Uint8Array[]) =>
    client.execProtocolStream(together(...messages, serialize.sync()), { syncToFs: false });

  const prepare = async (text: string, options: QueryOptions | undefined): Promise<Prepared> => {
    const known = prepared.get(text);
    if (known) return known;
    // A fresh name each time: a failed prepare may have left its name behind.
    const name = `reusable_${++sequence}`;
    const described = await send(
      serialize.parse({ name, text, ...(options?.paramTypes ? { types: options.paramTypes } : {}) }),
      serialize.describe({ type: 'S', name }),
    );
    const statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(described),
      fields: described.find((message) => message.name === 'rowDescription') ?? null,
    };
    prepared.set(text, statement);
    return statement;
  };

  // As PGlite's own query: values serialized by their parameter's type, the results parsed by the instance's parsers.
  const run = <T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> =>
    client._runExclusiveQuery(async () => {
      try {
        const { name, paramTypes, fields } = await prepare(text, options);
        const values = params.map((value, index) => {
          if (value === null || value === undefined) return null;
          const type = paramTypes[index] ?? 0;
          const serializer = options?.serializers?.[type] ?? client.serializers[type];
          return serializer ? serializer(value) : String(value);
        });
        const messages = await send(serialize.bind({ statement: name, values }), serialize.execute({}));
        return parse.parseResults(fields ? [fields, ...messages] : messages, client.parsers, options)[0] as Results<T>;
      } catch (error) {
        throw error instanceof Error ? Object.assign(error, { query: text, params, queryOptions: options }) : error;
      }
    });

  const transaction = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (property !== 'query') return typeof value === 'function' ? (value as () => unknown).bind(object) : value;
        return <T>(text: string, params?: unknown[], options?: QueryOptions) =>
          isNamed(options) ? run<T>(text, params ?? [], options) : tx.query<T>(text, params, options);
      },
    });

  return new Proxy(client, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (property === 'query') {
        // Outside a transaction, as PGlite's query: after any transaction under way, then synced to the filesystem.
        return async <T>(text: string, params?: unknown[], options?: QueryOptions) => {
          if (!isNamed(options)) return client.query<T>(text, params, options);
          await client._checkReady();
          return client._runExclusiveTransaction(async () => {
            const results = await run<T>(text, params ?? [], options);
            await client.syncToFs();
            return results;
          });
        };
      }
      if (property === 'transaction') {
        return <T>(work: (tx: Transaction) => Promise<T>) => client.transaction((tx) => work(transaction(tx)));
      }
      return typeof value === 'function' ? (value as () => unknown).bind(object) : value;
    },
  });
}
