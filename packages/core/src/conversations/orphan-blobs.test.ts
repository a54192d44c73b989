import { describe, expect, it } from 'vitest';
import { MemoryBlobs } from '../agents/task-runner.test-support.js';
import { sweepOrphanBlobs, type BlobOwners } from './orphan-blobs.js';

const WORKSPACE = '00000000-0000-4000-8000-000000000001';
const committing = '11111111-1111-4111-8111-111111111111';
const abandoned = '22222222-2222-4222-8222-222222222222';

describe('the orphan-blob sweep', () => {
  it('keeps a blob whose row commits while it waits (a turn on another server), and deletes one still ownerless', async () => {
    const blobs = new MemoryBlobs();
    await blobs.put(WORKSPACE, `conversations/${committing}/transcript.json`, '[]');
    await blobs.put(WORKSPACE, `conversations/${abandoned}/transcript.json`, '[]');
    const rows = new Set<string>();
    const owners: BlobOwners = {
      workspaceIds: async () => [WORKSPACE],
      existing: async (_workspaceId, _kind, ids) => new Set(ids.filter((id) => rows.has(id))),
    };

    const deleted = await sweepOrphanBlobs(blobs, owners, async () => {
      // Both looked ownerless at first; one row commits before the second look.
      expect(await blobs.list(WORKSPACE, 'conversations/')).toHaveLength(2);
      rows.add(committing);
    });

    expect(deleted).toBe(1);
    expect(await blobs.list(WORKSPACE, 'conversations/')).toEqual([`conversations/${committing}/transcript.json`]);
  });

  it('does not wait when nothing looks ownerless', async () => {
    const blobs = new MemoryBlobs();
    await blobs.put(WORKSPACE, `conversations/${committing}/transcript.json`, '[]');
    let waited = false;
    const owners: BlobOwners = { workspaceIds: async () => [WORKSPACE], existing: async (_w, _k, ids) => new Set(ids) };
    expect(
      await sweepOrphanBlobs(blobs, owners, async () => {
        waited = true;
      }),
    ).toBe(0);
    expect(waited).toBe(false);
  });
});
