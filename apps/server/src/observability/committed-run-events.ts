import type { RunEventWrite, RunStore, RunTransactions } from '@agent-fleet/core';

/**
 * The engine's transactions, telling `committed` the run events each one appended, once it has committed.
 * Every change of a run's state is an event appended in the transaction that makes it, so the appends
 * say what happened (a run or step ended) exactly once, and never what a rolled-back (retried)
 * transaction wrote, without a hook in the engine.
 */
export function watchingRunEvents(
  inner: RunTransactions,
  committed: (events: readonly RunEventWrite[]) => void,
): RunTransactions {
  return {
    async transaction<T>(work: (store: RunStore) => Promise<T>): Promise<T> {
      const appended: RunEventWrite[] = [];
      const value = await inner.transaction((store) => {
        const watched: RunStore = Object.create(store) as RunStore;
        // The two writes that append events: on their own, and with a group's runs and step rows.
        watched.insertEvents = (events) => {
          appended.push(...events);
          return store.insertEvents(events);
        };
        watched.writeHeld = (held) => {
          appended.push(...held.events);
          return store.writeHeld(held);
        };
        // A retried transaction starts again from nothing.
        appended.length = 0;
        return work(watched);
      });
      if (appended.length > 0) committed(appended);
      return value;
    },
  };
}
