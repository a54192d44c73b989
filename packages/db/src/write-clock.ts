import type { PGlite, Transaction } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * A count of the writes committed through one database handle: it moves after every statement that
 * may change data has completed (or, in a transaction, once more after its commit). Anything computed
 * from reads that began at version `v` is current for as long as the version is still `v`.
 */
export class WriteClock {
  #version = 0;

  get version(): number {
    return this.#version;
  }

  tick(): void {
    this.#version += 1;
  }
}

/** Statements that never change data; anything else (`with`, `update`, DDL, `set`...) counts as a write. */
const READS = new Set(['select', 'begin', 'start', 'savepoint', 'release', 'rollback', 'show', 'explain', 'values']);
const ENDS = new Set(['commit', 'end']);

type Kind = 'read' | 'write' | 'commit';

function kindOf(text: string | undefined): Kind {
  const word = /^\s*([a-z]+)/i.exec(text ?? '')?.[1]?.toLowerCase() ?? '';
  if (ENDS.has(word)) return 'commit';
  return READS.has(word) ? 'read' : 'write';
}

/**
 * Tracks one connection: a write ticks the clock once done (enough outside a transaction) and marks
 * the connection dirty, so the commit that makes a transaction's writes visible ticks it again.
 */
class ConnectionTracker {
  #dirty = false;

  constructor(private readonly clock: WriteClock) {}

  /** What to do once a statement of this text has completed, or undefined for a plain read. */
  after(text: string | undefined): (() => void) | undefined {
    const kind = kindOf(text);
    if (kind === 'read') return undefined;
    if (kind === 'write') {
      this.#dirty = true;
      return () => this.clock.tick();
    }
    return () => {
      if (this.#dirty) this.clock.tick();
      this.#dirty = false;
    };
  }
}

/** A node-postgres client class whose clients tick `clock`, for `new pg.Pool({ Client })`. */
export function trackedPgClient(clock: WriteClock): typeof pg.Client {
  return class TrackedClient extends pg.Client {
    readonly #tracker = new ConnectionTracker(clock);

    // pg's overloads (promise, callback, submittable) all pass through; only completion is observed.
    override query(...args: unknown[]): never {
      const first = args[0] as string | { text?: string } | undefined;
      const done = this.#tracker.after(typeof first === 'string' ? first : first?.text);
      const query = super.query.bind(this) as (...args: unknown[]) => unknown;
      if (!done) return query(...args) as never;
      const callback = args.findIndex((arg) => typeof arg === 'function');
      if (callback >= 0) {
        const original = args[callback] as (...result: unknown[]) => void;
        args[callback] = (...result: unknown[]) => {
          done();
          original(...result);
        };
        return query(...args) as never;
      }
      return Promise.resolve(query(...args)).finally(done) as never;
    }
  };
}

/** A view of a PGlite instance (or transaction) whose statements tick `clock`. */
export function trackedPglite(client: PGlite, clock: WriteClock): PGlite {
  const tracked = <T extends PGlite | Transaction>(target: T, onWrite: () => void): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (property === 'query' || property === 'exec') {
          return async (text: string, ...rest: unknown[]) => {
            try {
              return await (value as (...args: unknown[]) => Promise<unknown>).call(object, text, ...rest);
            } finally {
              if (kindOf(text) !== 'read') onWrite();
            }
          };
        }
        if (property === 'transaction') {
          // PGlite runs the transaction's BEGIN and COMMIT itself: tick once it has resolved.
          return async (work: (tx: Transaction) => Promise<unknown>) => {
            let wrote = false;
            try {
              return await (value as PGlite['transaction']).call(object, (tx) =>
                work(
                  tracked(tx, () => {
                    wrote = true;
                  }),
                ),
              );
            } finally {
              if (wrote) clock.tick();
            }
          };
        }
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      },
    });
  return tracked(client, () => clock.tick());
}
