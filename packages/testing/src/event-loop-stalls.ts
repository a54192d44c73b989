/**
 * Watches the event loop from now until `stop()` and reports the longest time it went without running
 * a 1 ms timer. The last gap counts too: a loop blocked until the work ends shows up when `stop()` lets
 * the timer fire. `monitorEventLoopDelay` misses exactly that case when disabled right after the work.
 */
export function watchEventLoopStalls(): { stop(): Promise<number> } {
  let running = true;
  let longest = 0;
  const probe = (async () => {
    while (running) {
      const before = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 1));
      longest = Math.max(longest, performance.now() - before);
    }
  })();
  return {
    async stop() {
      running = false;
      await probe;
      return longest;
    },
  };
}
