import { AppError } from '@agent-fleet/core';
import { describe, expect, it } from 'vitest';
import {
  assertBlobKey,
  assertBlobPrefix,
  assertWorkspaceId,
  blobObjectKey,
  blobObjectPrefix,
  BlobKeyError,
  MAX_BLOB_KEY_LENGTH,
  MAX_BLOB_SEGMENT_LENGTH,
  normalizeStorePrefix,
} from './blob-key.js';

const WORKSPACE = '0b9f6a0e-3c1d-4e0a-9f7b-2d5c8e1a4b6f';

describe('blob keys', () => {
  it.each(['a', 'conversations/3f2a/transcript.json', 'A-Z_a-z.0-9', '.hidden', '..double-dot-prefix', 'a/b/c/d/e'])(
    'accepts %j',
    (key) => {
      expect(assertBlobKey(key)).toBe(key);
    },
  );

  it.each([
    ['', 'must not be empty'],
    ['../x', '".." segments'],
    ['a/../../b', '".." segments'],
    ['a/./b', '".." segments'],
    ['.', '".." segments'],
    ['..', '".." segments'],
    ['/abs', '"//"'],
    ['a//b', '"//"'],
    ['a/', '"//"'],
    ['%2e%2e', 'only contain'],
    ['a\\b', 'only contain'],
    ['a b', 'only contain'],
    ['ü', 'only contain'],
    ['a\nb', 'only contain'],
  ])('refuses %j', (key, reason) => {
    expect(() => assertBlobKey(key)).toThrow(BlobKeyError);
    expect(() => assertBlobKey(key)).toThrow(reason);
  });

  it('refuses keys and segments over the length limits', () => {
    const segment = 'x'.repeat(MAX_BLOB_SEGMENT_LENGTH);
    expect(assertBlobKey(segment)).toBe(segment);
    expect(() => assertBlobKey(`${segment}x`)).toThrow(`at most ${MAX_BLOB_SEGMENT_LENGTH}`);

    const longest = `${'ab/'.repeat((MAX_BLOB_KEY_LENGTH - 3) / 3)}abc`;
    expect(assertBlobKey(longest)).toHaveLength(MAX_BLOB_KEY_LENGTH);
    expect(() => assertBlobKey(`${longest}d`)).toThrow(`at most ${MAX_BLOB_KEY_LENGTH}`);
  });

  it('is an AppError the HTTP layer answers with 400 validation_failed, naming the field', () => {
    const error = (() => {
      try {
        assertBlobKey('../etc/passwd');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      name: 'BlobKeyError',
      code: 'validation_failed',
      status: 400,
      errors: [{ path: 'key', code: 'invalid_blob_key' }],
    });
    expect((error as Error).message).toContain('"../etc/passwd"');
  });

  it('allows an empty prefix and a folder prefix, and refuses the rest like keys', () => {
    expect(assertBlobPrefix('')).toBe('');
    expect(assertBlobPrefix('conversations/')).toBe('conversations/');
    expect(assertBlobPrefix('conversations/c1')).toBe('conversations/c1');
    for (const prefix of ['/', '//', 'a//', '../', '..', 'a/..', './', '/a/', '%2e%2e/']) {
      expect(() => assertBlobPrefix(prefix), prefix).toThrow(BlobKeyError);
    }
  });

  it('requires the workspace id to be a UUID and folds its case', () => {
    expect(assertWorkspaceId(WORKSPACE.toUpperCase())).toBe(WORKSPACE);
    for (const id of [
      '',
      'workspace',
      '..',
      `${WORKSPACE}/..`,
      `../${WORKSPACE}`,
      `${WORKSPACE}x`,
      WORKSPACE.replaceAll('-', ''),
    ]) {
      expect(() => assertWorkspaceId(id), id).toThrow(BlobKeyError);
    }
  });

  it('builds object keys and prefixes under the workspace', () => {
    expect(blobObjectKey(WORKSPACE, 'a/b.json')).toBe(`${WORKSPACE}/a/b.json`);
    expect(blobObjectPrefix(WORKSPACE, '')).toBe(`${WORKSPACE}/`);
    expect(blobObjectPrefix(WORKSPACE, 'a/')).toBe(`${WORKSPACE}/a/`);
    expect(() => blobObjectKey('nope', 'a')).toThrow(BlobKeyError);
    expect(() => blobObjectKey(WORKSPACE, '../a')).toThrow(BlobKeyError);
  });

  it('normalizes a store prefix to a folder without its trailing slash', () => {
    expect(normalizeStorePrefix(undefined)).toBe('');
    expect(normalizeStorePrefix('')).toBe('');
    expect(normalizeStorePrefix('agent-fleet/')).toBe('agent-fleet');
    expect(normalizeStorePrefix('env/prod')).toBe('env/prod');
    expect(() => normalizeStorePrefix('../other')).toThrow(BlobKeyError);
    expect(() => normalizeStorePrefix('x'.repeat(81))).toThrow(BlobKeyError);
  });
});
