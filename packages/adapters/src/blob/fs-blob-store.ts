import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { BlobStore } from '@agent-fleet/core';
import { assertBlobPrefix, assertWorkspaceId, blobObjectKey, BlobKeyError } from './blob-key.js';

/** Blobs hold conversation content: readable by the server's user only, whatever the process umask. */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
/** Where writes are staged before the rename; workspace folders are UUIDs, so this name never clashes. */
const STAGING_DIR = '.staging';

/** A rename into a folder another call just pruned fails with ENOENT; recreating the folder and retrying wins. */
const RENAME_ATTEMPTS = 5;

const errorCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/** Whether `child` is strictly below `parent`. */
function isInside(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}

const isMissing = (error: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes(errorCode(error) as string);

/**
 * Blobs as files under `rootDir/<workspaceId>/<key>`, for single-node installs and tests.
 *
 * Writes go to a staging file that is synced and then renamed over the target, so a reader sees the old
 * object or the new one, never a torn write. Keys are validated before any I/O and every path is checked
 * to resolve inside its workspace's folder, so no key can reach another workspace or outside the root. Folders are pruned when they become empty.
 *
 * Unlike S3, a filesystem cannot hold both `a` and `a/b`; storing the second of those is refused with
 * {@link BlobKeyError}. On case-insensitive filesystems keys differing only in case collide.
 */
export class FsBlobStore implements BlobStore {
  private readonly root: string;

  constructor(rootDir: string) {
    this.root = resolve(rootDir);
  }

  /** The content type is not kept: files have none. */
  async put(workspaceId: string, key: string, body: Uint8Array | string): Promise<void> {
    const target = this.pathOf(blobObjectKey(workspaceId, key));
    const staging = join(this.root, STAGING_DIR);
    await mkdir(staging, { recursive: true, mode: PRIVATE_DIR });
    const temp = join(staging, `${randomUUID()}.tmp`);
    try {
      const file = await open(temp, 'wx', PRIVATE_FILE);
      try {
        await file.writeFile(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
        await file.datasync();
      } finally {
        await file.close();
      }
      await this.renameIntoPlace(temp, target, key);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(workspaceId: string, key: string): Promise<Uint8Array | null> {
    const path = this.pathOf(blobObjectKey(workspaceId, key));
    try {
      const bytes = await readFile(path);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      // EISDIR: `key` is a folder of other keys, not an object.
      if (isMissing(error) || errorCode(error) === 'EISDIR') return null;
      throw error;
    }
  }

  async delete(workspaceId: string, key: string): Promise<void> {
    const path = this.pathOf(blobObjectKey(workspaceId, key));
    if (await this.unlinkObject(path)) await this.pruneUpwards(dirname(path));
  }

  async deletePrefix(workspaceId: string, prefix: string): Promise<number> {
    const workspace = assertWorkspaceId(workspaceId);
    const { folder, keys } = await this.keysUnder(workspace, assertBlobPrefix(prefix));
    let deleted = 0;
    for (const key of keys) {
      if (await this.unlinkObject(this.pathOf(`${workspace}/${key}`))) deleted += 1;
    }
    if (deleted > 0) {
      await this.pruneEmptyFolders(folder);
      await this.pruneUpwards(folder);
    }
    return deleted;
  }

  async list(workspaceId: string, prefix: string): Promise<string[]> {
    const { keys } = await this.keysUnder(assertWorkspaceId(workspaceId), assertBlobPrefix(prefix));
    return keys.sort();
  }

  /** Ready when the root exists (or can be created) and is writable. */
  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: PRIVATE_DIR });
    await access(this.root, constants.R_OK | constants.W_OK);
  }

  /**
   * The absolute path of a validated `<workspaceId>/<key>` (or folder), asserted to lie inside that workspace's
   * folder, which lies inside the root: a second line of defence behind the key rules.
   */
  private pathOf(objectPath: string): string {
    const [workspace = '', ...rest] = objectPath.split('/').filter(Boolean);
    const base = resolve(this.root, workspace);
    const path = resolve(base, ...rest);
    if (!isInside(this.root, base) || (path !== base && !isInside(base, path))) {
      throw new BlobKeyError('key', objectPath, 'resolves outside its workspace');
    }
    return path;
  }

  private async renameIntoPlace(temp: string, target: string, key: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR });
        await rename(temp, target);
        return;
      } catch (error) {
        const code = errorCode(error);
        if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
          throw new BlobKeyError('key', key, 'clashes with another key: the filesystem store cannot hold both "a" and "a/b"');
        }
        if (code !== 'ENOENT' || attempt === RENAME_ATTEMPTS) throw error;
      }
    }
  }

  /** Whether a file was removed; a missing object (or a folder at that path) is not an error. */
  private async unlinkObject(path: string): Promise<boolean> {
    try {
      await unlink(path);
      return true;
    } catch (error) {
      if (isMissing(error) || errorCode(error) === 'EISDIR') return false;
      // macOS answers EPERM for unlink on a folder; anything else that is EPERM is a real failure.
      if (errorCode(error) === 'EPERM' && (await stat(path)).isDirectory()) return false;
      throw error;
    }
  }

  /**
   * Keys under `prefix`, unsorted. Only the folder the prefix names (up to its last `/`) is walked, then keys
   * are matched as plain strings, so `docs/a` finds `docs/a.txt` and `docs/ab/c` as S3 would.
   */
  private async keysUnder(workspace: string, prefix: string): Promise<{ folder: string; keys: string[] }> {
    const folderKey = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const folder = this.pathOf(`${workspace}/${folderKey}`);
    const keys: string[] = [];
    const walk = async (dir: string, keyPrefix: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const entry of entries) {
        const key = `${keyPrefix}${entry.name}`;
        // Only folders whose keys can still start with the prefix are worth walking.
        if (entry.isDirectory() && `${key}/`.startsWith(prefix)) await walk(join(dir, entry.name), `${key}/`);
        else if (entry.isFile() && key.startsWith(prefix)) keys.push(key);
      }
    };
    await walk(folder, folderKey);
    return { folder, keys };
  }

  /** Removes every empty folder below `dir` (bottom-up); folders that hold objects stay. */
  private async pruneEmptyFolders(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const child = join(dir, entry.name);
      await this.pruneEmptyFolders(child);
      await this.removeIfEmpty(child);
    }
  }

  /** Removes `dir` and then each parent while empty, stopping at the root. */
  private async pruneUpwards(dir: string): Promise<void> {
    for (let current = dir; current !== this.root && current.startsWith(this.root + sep); current = dirname(current)) {
      if (!(await this.removeIfEmpty(current))) return;
    }
  }

  /** Whether `dir` is gone now (removed here or already missing). */
  private async removeIfEmpty(dir: string): Promise<boolean> {
    try {
      await rmdir(dir);
      return true;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return true;
      if (['ENOTEMPTY', 'EEXIST', 'ENOTDIR'].includes(errorCode(error) as string)) return false;
      throw error;
    }
  }
}
