import type { PGlite, Transaction } from '@electric-sql/pglite';
import { setImmediate } from 'node:timers/promises';

/**
 * The longest PGlite keeps the event loop before it gives it a turn: about the cost of a few statements.
 * Default 5 ms.
 */
const SLICE_MS = 5;

/**
 * Gives the event loop a turn between PGlite statements. PGlite runs in this thread, synchronously, and a
 * statement waiting for it resumes in a microtask, so a queue of statements (a burst of engine
 * transactions, a long one) runs back to back without letting anything else in: every request, even
 * `/healthz` which reads nothing, waited for the whole queue (seconds under the pipeline benchmark).
 * Here, statements enter PGlite one at a time in arrival order, and before one enters, the loop gets a
 * turn (`setImmediate`: timers, sockets) whenever it has not had one for `sliceMs`; a transaction's own
 * statements do the same.
 */
export function pgliteWithTurns(client: PGlite, sliceMs = SLICE_MS): PGlite {
  let turnAt = performance.now();
  const turn = async () => {
    if (performance.now() - turnAt < sliceMs) return;
    await setImmediate();
    turnAt = performance.now();
  };
  let tail: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(async () => {
      await turn();
      return work();
    });
    tail = result.catch(() => undefined);
    return result;
  };
  const statements = <T extends PGlite | Transaction>(target: T, enter: <R>(work: () => Promise<R>) => Promise<R>): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => Promise<unknown>;
        if (property === 'query' || property === 'exec') return (...args: unknown[]) => enter(() => method.apply(object, args));
        if (property === 'transaction') {
          return (work: (tx: Transaction) => Promise<unknown>) =>
            enter(() =>
              method.call(object, (tx: Transaction) =>
                work(
                  statements(tx, async (next) => {
                    await turn();
                    return next();
                  }),
                ),
              ),
            );
        }
        return method.bind(object);
      },
    });
  return statements(client, inOrder);
}
