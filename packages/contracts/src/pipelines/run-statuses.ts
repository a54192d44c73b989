// Plain values (no schema library): the web app's run pages read them without downloading zod.

/**
 * A run's life: `queued` (admitted when its pipeline's concurrency allows) → `running` (steps execute;
 * some may wait for a timer, an approval or a child run) → one of the terminal states.
 */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

/**
 * A step run's life: `pending` (its needs are not done) → `queued` (ready; `availableAt` delays a retry)
 * → `running` (claimed by one worker under a lease) → `waiting` (on a timer, an approval, a child run or
 * its items) → one of the terminal states. A completed step never runs again.
 */
export const STEP_RUN_STATUSES = [
  'pending',
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const;
export type StepRunStatus = (typeof STEP_RUN_STATUSES)[number];
export const TERMINAL_STEP_STATUSES: readonly StepRunStatus[] = ['succeeded', 'failed', 'skipped', 'cancelled'];
