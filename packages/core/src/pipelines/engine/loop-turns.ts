import { setImmediate } from 'node:timers/promises';

/**
 * Lets the event loop turn in the middle of long engine work. A group commit runs hundreds of pieces of
 * work, and what follows its commit (the attempts it starts, the callers it answers) hundreds of
 * continuations, all in microtasks: without a turn, a request that reads nothing (`/healthz`) waits for
 * all of them. `turn()` costs nothing until the loop has been held `sliceMs` since it last turned, then
 * waits one turn (`setImmediate`: timers and sockets run first).
 */
export class LoopTurns {
  /** When the current stretch without a turn began; null once the loop has turned since. */
  private since: number | null = null;

  constructor(
    private readonly sliceMs: number,
    /** Milliseconds from any fixed origin; injected by tests. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  async turn(): Promise<void> {
    const now = this.now();
    if (this.since === null) {
      this.since = now;
      // Runs at the loop's next turn, whoever causes it: the stretch ends there.
      globalThis.setImmediate(() => (this.since = null));
      return;
    }
    if (now - this.since >= this.sliceMs) await setImmediate();
  }
}
