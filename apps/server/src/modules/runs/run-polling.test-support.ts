import { vi } from 'vitest';
import type { Client } from '../../test-support.js';

/** Reads the run until it is in one of `statuses` (it has ended, by default); throws past `timeoutMs`. */
export function waitForRunStatus(
  client: Client,
  id: string,
  statuses: readonly string[] = ['succeeded', 'failed', 'cancelled'],
  timeoutMs = 20_000,
) {
  return vi.waitFor(
    async () => {
      const res = await client.get(`/api/v1/runs/${id}`);
      if (!statuses.includes(res.body.status)) throw new Error(`run ${id} stayed ${res.body.status}`);
      return res.body;
    },
    { timeout: timeoutMs, interval: 20 },
  );
}
