import type { PGlite, QueryOptions, Transaction } from '@electric-sql/pglite';

/**
 * The types Drizzle reads as text (it passes PGlite its own parsers for them with every statement):
 * timestamp, timestamptz, interval and date, and the arrays of those and of numeric.
 */
const TEXT_TYPES = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182];
const asText = (value: string) => value;

/**
 * PGlite with Drizzle's parsers installed once instead of passed with every statement. PGlite merges a
 * statement's parsers into a copy of its table of every type's parser (some 350 entries) for each
 * statement, which cost about a fifth of a simple statement's time. Here the instance parses those types
 * as text itself, as Drizzle asks, and a statement's parsers are dropped when they are only those.
 * Anything else reading through this instance gets text for those types too.
 */
export function pgliteWithTextParsers(client: PGlite): PGlite {
  for (const type of TEXT_TYPES) client.parsers[type] = asText;
  const withoutTextParsers = (options: QueryOptions | undefined) =>
    options?.parsers && Object.keys(options.parsers).every((type) => TEXT_TYPES.includes(Number(type)))
      ? { ...options, parsers: undefined }
      : options;
  const statements = <T extends PGlite | Transaction>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        if (property === 'query') {
          const query = value as PGlite['query'];
          return (text: string, params?: unknown[], options?: QueryOptions) =>
            query.call(object, text, params, withoutTextParsers(options));
        }
        if (property === 'transaction') {
          const transaction = value as PGlite['transaction'];
          return (work: (tx: Transaction) => Promise<unknown>) => transaction.call(object, (tx) => work(statements(tx)));
        }
        return (value as (...args: unknown[]) => unknown).bind(object);
      },
    });
  return statements(client);
}
