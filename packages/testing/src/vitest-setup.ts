import { vi } from 'vitest';

/**
 * Setup file of the Node projects (vitest.config.ts). `vi.waitFor` gives up after 1 s unless told
 * otherwise, which on a busy 2-core machine (a load of 20 is common here) fails tests whose condition
 * comes true a little later: a bound on a hang, not a timing assertion, like the test and hook timeouts.
 * Its default here is 20 s, as is `expect.poll`'s (set in the config); a call that names its own timeout
 * keeps it. What the callback asserts is unchanged: a condition that never holds still fails.
 */
const PATIENT = Symbol.for('agent-fleet.patientWaitFor');
const DEFAULT_TIMEOUT_MS = 20_000;

type WaitFor = typeof vi.waitFor & { [PATIENT]?: true };

// Files that share a worker (isolate: false) run this once each: wrap only once.
if (!(vi.waitFor as WaitFor)[PATIENT]) {
  const waitFor = vi.waitFor;
  const patient: WaitFor = (callback, options) =>
    waitFor(callback, {
      timeout: DEFAULT_TIMEOUT_MS,
      ...(typeof options === 'number' ? { timeout: options } : options),
    });
  patient[PATIENT] = true;
  vi.waitFor = patient;
}
