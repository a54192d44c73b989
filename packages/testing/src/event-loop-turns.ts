/**
 * Counts how many times the event loop turns (runs a `setImmediate` callback) from now until `stop()`.
 * A loop held by synchronous work does not turn at all, however fast or slow the machine, so "the loop
 * kept turning while X ran" is a property a busy CI machine cannot fake or break, unlike a bound in ms.
 */
export function countEventLoopTurns(): { stop(): Promise<number> } {
  let running = true;
  let turns = 0;
  const probe = (async () => {
    while (running) {
      await new Promise((resolve) => setImmediate(resolve));
      turns += 1;
    }
  })();
  return {
    async stop() {
      running = false;
      await probe;
      return turns;
    },
  };
}
