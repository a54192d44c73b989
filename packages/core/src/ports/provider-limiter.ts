/**
 * Keeps the calls to one provider within its limits, per key (`<workspaceId>:<providerId>`): at most so
 * many in flight at once, and at most so many started per minute. Two adapters implement it (in-process
 * now, Redis later, so several servers share one budget) and one contract suite (`@agent-fleet/testing`)
 * checks both.
 *
 * - **Order.** Callers waiting on one key are let in first come, first served.
 * - **Abort.** A caller whose signal aborts while it waits leaves the queue and rejects with the signal's
 *   reason, holding nothing; one whose signal is already aborted rejects at once.
 * - **Release.** `acquire` resolves to the function that gives the slot back; calling it again does
 *   nothing, so a `finally` and an error path may both call it.
 * - **Limits.** Never more than the concurrency limit in flight per key, whatever the interleaving.
 */
export interface ProviderLimiter {
  /** Waits for a slot under `key`; resolves to the function that releases it (idempotent). */
  acquire(key: string, signal: AbortSignal): Promise<ReleaseSlot>;
}

/** Gives a slot back; only the first call counts. */
export type ReleaseSlot = () => void;
