import type { BlobStore } from '../storage/blob-store.js';

/**
 * The rows blobs belong to: a conversation (its transcript), a message (long content), a task (long system
 * prompt), a pipeline step run (big output).
 */
export type BlobOwnerKind = 'conversation' | 'message' | 'task' | 'step';

export interface BlobOwners {
  /** Every workspace (blobs are stored per workspace). */
  workspaceIds(): Promise<string[]>;
  /** The ids among `ids` of rows of `kind` that exist in the workspace. */
  existing(workspaceId: string, kind: BlobOwnerKind, ids: string[]): Promise<Set<string>>;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * The key shapes of `transcript-store.ts`, `task-system-prompt.ts` and the step output blobs (`db`'s
 * `stepOutputKey`), and which row each belongs to.
 */
const OWNED_KEYS: { kind: BlobOwnerKind; pattern: RegExp }[] = [
  { kind: 'conversation', pattern: new RegExp(`^conversations/(${UUID})/transcript\\.json$`) },
  { kind: 'message', pattern: new RegExp(`^conversations/${UUID}/messages/(${UUID})\\.txt$`) },
  { kind: 'task', pattern: new RegExp(`^agents/${UUID}/tasks/(${UUID})/system-prompt\\.txt$`) },
  { kind: 'step', pattern: new RegExp(`^pipelines/runs/${UUID}/steps/(${UUID})/output\\.json$`) },
];

/** The folders whose blobs all belong to rows. */
const FOLDERS = ['conversations/', 'agents/', 'pipelines/'];

/** How many keys are checked against the database at once. */
const BATCH = 500;

/**
 * Deletes the blobs under the conversation and agent folders whose row does not exist. A blob is written
 * before the row that names it (a row must not name a missing blob) and deleted after the commit that
 * removed its row, so a crash in between leaves a blob no row names; this finds them. A blob whose row
 * is still being written (a turn running here or on another server) looks orphaned too, so a blob is
 * deleted only when it is still ownerless after `settled()` resolves (a wait far longer than any
 * commit). Keys of another shape are left alone. Returns how many blobs it deleted.
 */
export async function sweepOrphanBlobs(blobs: BlobStore, owners: BlobOwners, settled: () => Promise<void>): Promise<number> {
  const candidates: { workspaceId: string; keys: string[] }[] = [];
  for (const workspaceId of await owners.workspaceIds()) {
    for (const folder of FOLDERS) {
      const keys = await blobs.list(workspaceId, folder);
      candidates.push({ workspaceId, keys: await orphansIn(owners, workspaceId, keys) });
    }
  }
  if (candidates.every(({ keys }) => keys.length === 0)) return 0;
  await settled();
  let deleted = 0;
  for (const { workspaceId, keys } of candidates) {
    for (const key of await orphansIn(owners, workspaceId, keys)) {
      await blobs.delete(workspaceId, key);
      deleted += 1;
    }
  }
  return deleted;
}

async function orphansIn(owners: BlobOwners, workspaceId: string, keys: string[]): Promise<string[]> {
  const orphans: string[] = [];
  for (let start = 0; start < keys.length; start += BATCH) {
    orphans.push(...(await orphansAmong(owners, workspaceId, keys.slice(start, start + BATCH))));
  }
  return orphans;
}

async function orphansAmong(owners: BlobOwners, workspaceId: string, keys: string[]): Promise<string[]> {
  const orphans: string[] = [];
  for (const { kind, pattern } of OWNED_KEYS) {
    const owned = keys.flatMap((key) => {
      const id = pattern.exec(key)?.[1];
      return id ? [{ key, id }] : [];
    });
    if (owned.length === 0) continue;
    const existing = await owners.existing(
      workspaceId,
      kind,
      owned.map(({ id }) => id),
    );
    orphans.push(...owned.filter(({ id }) => !existing.has(id)).map(({ key }) => key));
  }
  return orphans;
}
