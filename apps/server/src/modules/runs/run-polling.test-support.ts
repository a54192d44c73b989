import type { Client } from '../../test-support.js';

/** Reads the run until it is in one of `statuses` (it has ended, by default); throws past `timeoutMs`. */
export async function waitForRunStatus(
  client: Client,
  id: string,
  statuses: readonly string[] = ['succeeded', 'failed', 'cancelled'],
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/api/v1/runs/${id}`);
    if (statuses.includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`run ${id} stayed ${res.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
