import type { RunEvent } from '@agent-fleet/contracts';
import type { FrameSchema } from '../../lib/event-stream';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a frame of a run's live stream for what the run page reads: a positive integer `seq`, a `type`,
 * the `step` (a key or null), a `data` object and a readable `at` date. Written by hand rather than with
 * the contract's RunEventSchema because that one check would load the schema library (about 27 KB gzip)
 * on the run page; the frames come from our own server, which builds them with that schema, and the
 * JSON answers of every other request are not checked in the browser either.
 */
export const runEventFrame: FrameSchema<RunEvent> = {
  safeParse(data) {
    if (!isRecord(data)) return { success: false };
    const { seq, type, step, at } = data;
    const valid =
      Number.isInteger(seq) &&
      (seq as number) >= 1 &&
      typeof type === 'string' &&
      (step === null || typeof step === 'string') &&
      isRecord(data['data']) &&
      typeof at === 'string' &&
      !Number.isNaN(Date.parse(at));
    return valid ? { success: true, data: data as RunEvent } : { success: false };
  },
};
