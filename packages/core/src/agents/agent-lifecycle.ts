/**
 * How the observed state is derived (docs/fleets.md, "Agent lifecycle"): `busy` while any task of the
 * agent runs; else `error` when its last `OBSERVED_ERROR_STREAK` finished tasks (the most recently
 * started, which the tasks' index reads without sorting them all) all failed, all within the last
 * `OBSERVED_ERROR_WINDOW_SECONDS`; else `idle`. Before all of them, `offline`: an a2a agent whose last
 * health check failed (remote-agents.ts); a model agent has no health signal and is never offline.
 */
export const OBSERVED_ERROR_STREAK = 3;
export const OBSERVED_ERROR_WINDOW_SECONDS = 15 * 60;

/** How often the drain sweep looks for draining agents with nothing in flight or past their timeout. */
export const DRAIN_SWEEP_INTERVAL_MS = 5_000;
