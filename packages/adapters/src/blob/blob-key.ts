import { AppError } from '@agent-fleet/core';

/**
 * Longest key, in characters (keys are ASCII, so also bytes). S3 caps a whole object key at 1024 bytes;
 * this leaves room for a store prefix (up to {@link MAX_STORE_PREFIX_LENGTH}) and `<workspaceId>/`.
 */
export const MAX_BLOB_KEY_LENGTH = 900;

/** Longest store prefix (the folder an S3 store keeps every workspace under). */
export const MAX_STORE_PREFIX_LENGTH = 80;

/** Longest segment: most filesystems cap a file name at 255 bytes, and the filesystem store must hold any valid key. */
export const MAX_BLOB_SEGMENT_LENGTH = 255;

const SEGMENT = /^[A-Za-z0-9._-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A key, prefix or workspace id a blob store refuses. Keys are checked before any I/O, so a refused call
 * changes nothing; the checks are what keep every object inside its workspace (and the filesystem store
 * inside its root).
 */
export class BlobKeyError extends AppError {
  constructor(field: 'key' | 'prefix' | 'workspaceId', value: unknown, reason: string) {
    const shown =
      typeof value === 'string' ? JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value) : typeof value;
    const message = `Invalid blob ${field} ${shown}: ${reason}`;
    super('validation_failed', message, { errors: [{ path: field, message: reason, code: 'invalid_blob_key' }] });
    this.name = 'BlobKeyError';
  }
}

/** Why `path` is not a valid `/`-separated key, or `null` when it is. */
function keyProblem(path: string, maxLength: number): string | null {
  if (path.length === 0) return 'must not be empty';
  if (path.length > maxLength) return `must be at most ${maxLength} characters`;
  for (const segment of path.split('/')) {
    if (segment === '') return 'must not start or end with "/" nor contain "//"';
    if (segment === '.' || segment === '..') return 'must not contain "." or ".." segments';
    if (!SEGMENT.test(segment)) return 'segments may only contain letters, digits, ".", "_" and "-"';
    if (segment.length > MAX_BLOB_SEGMENT_LENGTH) return `segments must be at most ${MAX_BLOB_SEGMENT_LENGTH} characters`;
  }
  return null;
}

/** The workspace id, lower-cased: a UUID names the same workspace in either case, so it must name the same folder. */
export function assertWorkspaceId(workspaceId: string): string {
  if (typeof workspaceId !== 'string' || !UUID.test(workspaceId)) {
    throw new BlobKeyError('workspaceId', workspaceId, 'must be a UUID');
  }
  return workspaceId.toLowerCase();
}

/** Throws {@link BlobKeyError} unless `key` is `/`-separated segments of `[A-Za-z0-9._-]`, none empty, `.` or `..`. */
export function assertBlobKey(key: string): string {
  const problem = typeof key === 'string' ? keyProblem(key, MAX_BLOB_KEY_LENGTH) : 'must be a string';
  if (problem) throw new BlobKeyError('key', key, problem);
  return key;
}

/**
 * A prefix is matched as a plain string start (`docs/a` matches `docs/a.txt` and `docs/ab/c`). It follows
 * the key rules except that it may be empty (the whole workspace) or end with one `/` (a folder).
 */
export function assertBlobPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  const body = typeof prefix === 'string' && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const problem = typeof body === 'string' ? keyProblem(body, MAX_BLOB_KEY_LENGTH - 1) : 'must be a string';
  if (problem) throw new BlobKeyError('prefix', prefix, problem);
  return prefix;
}

/** The object's key inside the store: `<workspaceId>/<key>`, both validated. */
export function blobObjectKey(workspaceId: string, key: string): string {
  return `${assertWorkspaceId(workspaceId)}/${assertBlobKey(key)}`;
}

/** The store-level prefix for `prefix` inside a workspace: `<workspaceId>/<prefix>`, both validated. */
export function blobObjectPrefix(workspaceId: string, prefix: string): string {
  return `${assertWorkspaceId(workspaceId)}/${assertBlobPrefix(prefix)}`;
}

/**
 * A store prefix (a folder inside a bucket shared with other data), without its trailing `/`;
 * `''` when none. Follows the key rules, at most {@link MAX_STORE_PREFIX_LENGTH} characters.
 */
export function normalizeStorePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  const body = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const problem = keyProblem(body, MAX_STORE_PREFIX_LENGTH);
  if (problem) throw new BlobKeyError('prefix', prefix, `store prefix ${problem}`);
  return body;
}
