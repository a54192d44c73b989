/**
 * How the observed state is derived (docs/fleets.md, "Agent lifecycle"): `busy` while any task of the
 * agent runs; else `error` when its last `OBSERVED_ERROR_STREAK` finished tasks (the most recently
 * started, which the tasks' index reads without sorting them all) all failed, all within the last
 * `OBSERVED_ERROR_WINDOW_SECONDS`; else `idle`. `offline` needs a provider health signal, which there is
 * not yet (remote A2A agents will bring one); nothing derives it today.
 */
export const OBSERVED_ERROR_STREAK = 3;
export const OBSERVED_ERROR_WINDOW_SECONDS = 15 * 60;

/** How often the drain sweep looks for draining agents with nothing in flight or past their timeout. */
export const DRAIN_SWEEP_INTERVAL_MS = 5_000;
