import { createTestDatabase, deferred, insertAgent, insertWorkspace, testDriver } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.js';
import { DrizzleUnitOfWork } from './unit-of-work.js';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe('DrizzleUnitOfWork', () => {
  // PGlite has one connection: two transactions never overlap there, so they cannot deadlock.
  it.runIf(testDriver() === 'postgres')(
    'runs again the transaction the database aborted to break a deadlock, so both writers succeed',
    async () => {
      const workspaceId = await insertWorkspace(handle.db, 'Deadlock');
      const [first, second] = [await insertAgent(handle.db, workspaceId), await insertAgent(handle.db, workspaceId)];
      const unitOfWork = new DrizzleUnitOfWork(handle.db);
      const holding = [deferred(), deferred()];
      let attempts = 0;
      // Each locks one agent's row, waits until the other holds its own, then asks for the other's.
      const writer = (index: 0 | 1, own: string, other: string) =>
        unitOfWork.transaction(async ({ agents }) => {
          attempts += 1;
          await agents.update(workspaceId, own, { description: `first by ${index}` });
          holding[index]?.resolve();
          await holding[1 - index]?.promise;
          return agents.update(workspaceId, other, { description: `then by ${index}` });
        });
      const results = await Promise.allSettled([writer(0, first.id, second.id), writer(1, second.id, first.id)]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
      // PostgreSQL aborted one of the two at least once; it ran again after the other committed (on a busy
      // server the retry can meet the other once more, so not exactly three).
      expect(attempts).toBeGreaterThanOrEqual(3);
    },
  );
});
