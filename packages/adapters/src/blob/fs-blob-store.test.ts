import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBlobStoreContract } from '@agent-fleet/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from './fs-blob-store.js';
import { BlobKeyError } from './blob-key.js';

describeBlobStoreContract('FsBlobStore', async () => {
  const root = await mkdtemp(join(tmpdir(), 'af-fs-blobs-'));
  return { store: new FsBlobStore(root), cleanup: () => rm(root, { recursive: true, force: true }) };
});

/** Every path under `dir`, relative, sorted. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

describe('FsBlobStore on disk', () => {
  let parent: string;
  let root: string;
  let store: FsBlobStore;
  const workspace = randomUUID();

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'af-fs-blobs-'));
    root = join(parent, 'root');
    store = new FsBlobStore(root);
  });

  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('stores objects as files under <root>/<workspaceId>/<key> and leaves no staging files behind', async () => {
    await store.put(workspace, 'a/b.txt', 'hello');
    expect((await stat(join(root, workspace, 'a', 'b.txt'))).size).toBe(5);
    expect(await readdir(join(root, '.staging'))).toEqual([]);
  });

  it('never writes outside the root, whatever the key', async () => {
    await store.put(workspace, 'inside', 'x');
    for (const key of ['../escape', '../../escape', '/tmp/escape', 'a/../../../escape']) {
      await expect(store.put(workspace, key, 'evil')).rejects.toBeInstanceOf(BlobKeyError);
    }
    await expect(store.put('..', 'escape', 'evil')).rejects.toBeInstanceOf(BlobKeyError);
    expect(await readdir(parent)).toEqual(['root']);
    expect(await tree(root)).toEqual(['.staging', workspace, `${workspace}/inside`]);
  });

  it('prunes folders left empty by delete and deletePrefix', async () => {
    await store.put(workspace, 'c/1/x', 'x');
    await store.put(workspace, 'c/2/y', 'y');
    await store.put(workspace, 'keep', 'k');
    await store.delete(workspace, 'c/1/x');
    expect(await tree(join(root, workspace))).toEqual(['c', 'c/2', 'c/2/y', 'keep']);
    expect(await store.deletePrefix(workspace, 'c/')).toBe(1);
    expect(await tree(join(root, workspace))).toEqual(['keep']);
    await store.delete(workspace, 'keep');
    expect(await readdir(root)).toEqual(['.staging']);
  });

  it('refuses a key that clashes with a folder or a file, leaving nothing behind', async () => {
    await store.put(workspace, 'a/b', 'x');
    await expect(store.put(workspace, 'a', 'y')).rejects.toThrow('clashes with another key');
    await expect(store.put(workspace, 'a/b/c', 'y')).rejects.toThrow('clashes with another key');
    expect(await store.get(workspace, 'a')).toBeNull();
    await store.delete(workspace, 'a');
    expect(await store.list(workspace, '')).toEqual(['a/b']);
    expect(await readdir(join(root, '.staging'))).toEqual([]);
  });

  it('keeps the old object when a write fails', async () => {
    await store.put(workspace, 'doc', 'old');
    await rm(join(root, '.staging'), { recursive: true, force: true });
    await writeFile(join(root, '.staging'), 'blocks the staging folder');
    await expect(store.put(workspace, 'doc', 'new')).rejects.toThrow();
    expect(new TextDecoder().decode((await store.get(workspace, 'doc')) ?? undefined)).toBe('old');
  });

  it('reports ready only when the root is usable', async () => {
    await expect(store.check()).resolves.toBeUndefined();
    const blocked = join(parent, 'file');
    await writeFile(blocked, 'x');
    await expect(new FsBlobStore(join(blocked, 'root')).check()).rejects.toThrow();
  });
});
