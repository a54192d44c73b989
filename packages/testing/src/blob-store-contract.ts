import { randomUUID } from 'node:crypto';
import { AppError, type BlobStore } from '@agent-fleet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** A store for one test and how to dispose of it. */
export interface BlobStoreContractSetup {
  store: BlobStore;
  cleanup(): Promise<void>;
}

const text = (bytes: Uint8Array | null): string | null => (bytes === null ? null : new TextDecoder().decode(bytes));

/** Keys and prefixes that must be refused before any I/O: traversal, absolute paths, odd characters. */
export const INVALID_BLOB_KEYS = [
  '../x',
  'a/../../b',
  '/abs',
  'a//b',
  '.',
  '..',
  'a/./b',
  'a/..',
  '%2e%2e',
  '%2e%2e/x',
  'a\\..\\b',
  'a b',
  'a/',
  '',
  'ü',
  'a\0b',
  'x'.repeat(2000),
];

const INVALID_PREFIXES = ['..', '../', '/', '/abs', 'a//', 'a/../', './', '%2e%2e/', 'a\\b'];

const INVALID_WORKSPACE_IDS = ['', 'not-a-uuid', '../x', '..', `${randomUUID()}/x`, `${randomUUID()}/..`, `../${randomUUID()}`];

/**
 * The one behaviour every BlobStore adapter must share. `setup` runs before each test and gets a store
 * (a fresh one, or a shared one: every test uses new random workspace ids).
 */
export function describeBlobStoreContract(name: string, setup: () => Promise<BlobStoreContractSetup>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    let cleanup: (() => Promise<void>) | undefined;
    let workspace: string;
    let other: string;

    beforeEach(async () => {
      ({ store, cleanup } = await setup());
      workspace = randomUUID();
      other = randomUUID();
    });

    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    /** Every key and its text in a workspace, to prove a call changed nothing. */
    const snapshot = async (workspaceId: string) => {
      const keys = await store.list(workspaceId, '');
      return Promise.all(keys.map(async (key) => [key, text(await store.get(workspaceId, key))]));
    };

    const expectRefused = async (attempt: Promise<unknown>) => {
      const error: unknown = await attempt.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error, 'the call should have been refused').toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'validation_failed', status: 400 });
    };

    it('round-trips a string as UTF-8', async () => {
      await store.put(workspace, 'notes/hello.txt', 'héllo ✓ 🚀', { contentType: 'text/plain' });
      const bytes = await store.get(workspace, 'notes/hello.txt');
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(Array.from(bytes ?? [])).toEqual(Array.from(new TextEncoder().encode('héllo ✓ 🚀')));
    });

    it('round-trips every byte value unchanged, including bytes that are not valid UTF-8', async () => {
      const body = new Uint8Array(512);
      for (let index = 0; index < body.length; index += 1) body[index] = (index * 7 + 3) % 256;
      body.set([0x00, 0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80], 0);
      await store.put(workspace, 'bin/data.bin', body);
      const bytes = await store.get(workspace, 'bin/data.bin');
      expect(bytes?.byteLength).toBe(body.byteLength);
      expect(Buffer.from(bytes ?? []).equals(Buffer.from(body))).toBe(true);
    });

    it('stores an empty object as zero bytes, not as missing', async () => {
      await store.put(workspace, 'empty', '');
      const bytes = await store.get(workspace, 'empty');
      expect(bytes).not.toBeNull();
      expect(bytes?.byteLength).toBe(0);
    });

    it('replaces an object on overwrite', async () => {
      await store.put(workspace, 'doc.json', '{"version":1,"padding":"longer than the next body"}');
      await store.put(workspace, 'doc.json', '{"version":2}');
      expect(text(await store.get(workspace, 'doc.json'))).toBe('{"version":2}');
      expect(await store.list(workspace, '')).toEqual(['doc.json']);
    });

    it('returns null for a missing object', async () => {
      expect(await store.get(workspace, 'missing')).toBeNull();
      await store.put(workspace, 'folder/present', 'x');
      expect(await store.get(workspace, 'folder/absent')).toBeNull();
      expect(await store.get(workspace, 'folder/present/deeper')).toBeNull();
    });

    it('deletes one object and leaves its neighbours', async () => {
      await store.put(workspace, 'a/1', 'one');
      await store.put(workspace, 'a/2', 'two');
      await store.delete(workspace, 'a/1');
      expect(await store.get(workspace, 'a/1')).toBeNull();
      expect(text(await store.get(workspace, 'a/2'))).toBe('two');
      expect(await store.list(workspace, '')).toEqual(['a/2']);
    });

    it('treats deleting a missing object as success', async () => {
      await expect(store.delete(workspace, 'never/was')).resolves.toBeUndefined();
      await store.put(workspace, 'gone', 'x');
      await store.delete(workspace, 'gone');
      await expect(store.delete(workspace, 'gone')).resolves.toBeUndefined();
    });

    it('can store again where everything was deleted', async () => {
      await store.put(workspace, 'deep/er/key', 'first');
      await store.delete(workspace, 'deep/er/key');
      await store.put(workspace, 'deep/er/key', 'second');
      expect(text(await store.get(workspace, 'deep/er/key'))).toBe('second');
    });

    it('lists keys under a prefix, sorted, relative to the workspace', async () => {
      for (const key of ['docs/b.txt', 'docs/a/z.txt', 'docs/Z.txt', 'docs/a.txt', 'docs/a-1.txt', 'docsx', 'other/c.txt']) {
        await store.put(workspace, key, key);
      }
      expect(await store.list(workspace, 'docs/')).toEqual([
        'docs/Z.txt',
        'docs/a-1.txt',
        'docs/a.txt',
        'docs/a/z.txt',
        'docs/b.txt',
      ]);
      expect(await store.list(workspace, 'docs/a')).toEqual(['docs/a-1.txt', 'docs/a.txt', 'docs/a/z.txt']);
      expect(await store.list(workspace, 'docs')).toEqual([
        'docs/Z.txt',
        'docs/a-1.txt',
        'docs/a.txt',
        'docs/a/z.txt',
        'docs/b.txt',
        'docsx',
      ]);
      expect(await store.list(workspace, '')).toHaveLength(7);
      expect(await store.list(workspace, 'nothing/')).toEqual([]);
    });

    it('keeps workspaces apart: the same key in two workspaces is two objects', async () => {
      await store.put(workspace, 'shared/key', 'mine');
      await store.put(other, 'shared/key', 'theirs');
      await store.put(other, 'theirs-only', 'x');
      expect(text(await store.get(workspace, 'shared/key'))).toBe('mine');
      expect(text(await store.get(other, 'shared/key'))).toBe('theirs');
      expect(await store.list(workspace, '')).toEqual(['shared/key']);
      expect(await store.get(workspace, 'theirs-only')).toBeNull();

      await store.delete(workspace, 'shared/key');
      expect(text(await store.get(other, 'shared/key'))).toBe('theirs');
      expect(await store.deletePrefix(workspace, '')).toBe(0);
      expect(await store.list(other, '')).toEqual(['shared/key', 'theirs-only']);
    });

    it('treats a workspace id case-insensitively, as the UUID it is', async () => {
      await store.put(workspace.toUpperCase(), 'k', 'v');
      expect(text(await store.get(workspace, 'k'))).toBe('v');
    });

    it('deletes exactly the objects under a prefix and returns how many', async () => {
      for (let index = 0; index < 25; index += 1) {
        await store.put(workspace, `conversations/c1/${String(index).padStart(2, '0')}.json`, `m${index}`);
      }
      await store.put(workspace, 'conversations/c1/nested/deep.json', 'deep');
      await store.put(workspace, 'conversations/c10/keep.json', 'keep');
      await store.put(workspace, 'conversations/c1-keep.json', 'keep');
      await store.put(other, 'conversations/c1/00.json', 'other workspace');

      expect(await store.deletePrefix(workspace, 'conversations/c1/')).toBe(26);
      expect(await store.list(workspace, '')).toEqual(['conversations/c1-keep.json', 'conversations/c10/keep.json']);
      expect(text(await store.get(other, 'conversations/c1/00.json'))).toBe('other workspace');
      expect(await store.deletePrefix(workspace, 'conversations/c1/')).toBe(0);

      await store.put(workspace, 'conversations/c1/00.json', 'again');
      expect(text(await store.get(workspace, 'conversations/c1/00.json'))).toBe('again');
    });

    it('matches a prefix without a trailing slash as a plain string start', async () => {
      await store.put(workspace, 'runs/r1/out', '1');
      await store.put(workspace, 'runs/r10/out', '10');
      await store.put(workspace, 'runs/s1/out', 's');
      expect(await store.deletePrefix(workspace, 'runs/r1')).toBe(2);
      expect(await store.list(workspace, '')).toEqual(['runs/s1/out']);
    });

    it('refuses traversal and malformed keys in every call and changes nothing', async () => {
      await store.put(workspace, 'keep/me', 'safe');
      await store.put(other, 'x', 'other');
      const before = [await snapshot(workspace), await snapshot(other)];

      for (const key of INVALID_BLOB_KEYS) {
        await expectRefused(store.put(workspace, key, 'evil'));
        await expectRefused(store.get(workspace, key));
        await expectRefused(store.delete(workspace, key));
      }
      for (const prefix of INVALID_PREFIXES) {
        await expectRefused(store.list(workspace, prefix));
        await expectRefused(store.deletePrefix(workspace, prefix));
      }

      expect([await snapshot(workspace), await snapshot(other)]).toEqual(before);
    });

    it('refuses a workspace id that is not a UUID and changes nothing', async () => {
      await store.put(workspace, 'keep/me', 'safe');
      const before = await snapshot(workspace);

      for (const workspaceId of INVALID_WORKSPACE_IDS) {
        await expectRefused(store.put(workspaceId, 'k', 'evil'));
        await expectRefused(store.get(workspaceId, 'keep/me'));
        await expectRefused(store.delete(workspaceId, 'keep/me'));
        await expectRefused(store.list(workspaceId, ''));
        await expectRefused(store.deletePrefix(workspaceId, ''));
      }

      expect(await snapshot(workspace)).toEqual(before);
    });

    it('is ready', async () => {
      await expect(store.check()).resolves.toBeUndefined();
    });
  });
}
