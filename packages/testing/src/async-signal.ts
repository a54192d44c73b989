/**
 * Waits driven by events instead of time: whoever changes state calls `notify()`, and a test awaits
 * `until(predicate)`. A condition that never holds hangs until the test's timeout, which names the test.
 */
export class AsyncSignal {
  private waiters: (() => void)[] = [];

  notify(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  async until(predicate: () => boolean): Promise<void> {
    while (!predicate()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

/** A promise with its settle functions, to hold a handler or listener until the test releases it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** Lets pending callbacks and microtasks run: one turn of the event loop, not a timed wait. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
