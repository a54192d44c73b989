import { randomUUID } from 'node:crypto';
import { describeBlobStoreContract, startS3TestServer, type S3TestServer } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.js';

// The SDK warns once per process that future releases need Node 22; the documented switch silences it
// (https://github.com/aws/aws-sdk-js-v3/issues/7983). Only for these tests: production keeps the warning.
vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');

let server: S3TestServer;

beforeAll(async () => {
  server = await startS3TestServer();
});

afterAll(async () => {
  await server.close();
  vi.unstubAllEnvs();
});

const bucketName = () => `af-test-${randomUUID().slice(0, 8)}`;

const storeOptions = (overrides: Partial<S3BlobStoreOptions> = {}): S3BlobStoreOptions => ({
  endpoint: server.endpoint,
  region: server.region,
  accessKeyId: server.accessKeyId,
  secretAccessKey: server.secretAccessKey,
  forcePathStyle: true,
  bucket: bucketName(),
  ...overrides,
});

// A small page size makes the 25-object deletePrefix case span several list pages and delete batches.
describeBlobStoreContract('S3BlobStore', async () => {
  const store = new S3BlobStore(storeOptions({ pageSize: 10 }));
  await store.ensureBucket();
  return { store, cleanup: async () => store.close() };
});

describeBlobStoreContract('S3BlobStore with a store prefix', async () => {
  const store = new S3BlobStore(storeOptions({ prefix: 'agent-fleet/', pageSize: 7 }));
  await store.ensureBucket();
  return { store, cleanup: async () => store.close() };
});

describe('S3BlobStore against the S3 API', () => {
  it('creates a missing bucket once and reports ready only afterwards', async () => {
    const store = new S3BlobStore(storeOptions());
    try {
      await expect(store.check()).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
      await store.ensureBucket();
      await store.ensureBucket();
      await expect(store.check()).resolves.toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('keeps a store prefix apart from the rest of a shared bucket', async () => {
    const bucket = bucketName();
    const prefixed = new S3BlobStore(storeOptions({ bucket, prefix: 'tenant-a' }));
    const bare = new S3BlobStore(storeOptions({ bucket }));
    const workspace = randomUUID();
    try {
      await prefixed.ensureBucket();
      await prefixed.put(workspace, 'k', 'prefixed');
      expect(await bare.get(workspace, 'k')).toBeNull();
      expect(await bare.list(workspace, '')).toEqual([]);
      expect(await prefixed.list(workspace, '')).toEqual(['k']);
    } finally {
      prefixed.close();
      bare.close();
    }
  });

  it('treats a missing bucket on reads as an error, not as a missing object', async () => {
    const store = new S3BlobStore(storeOptions());
    try {
      await expect(store.get(randomUUID(), 'k')).rejects.toMatchObject({ name: 'NoSuchBucket' });
    } finally {
      store.close();
    }
  });

  it('fails its readiness check when the server is gone', async () => {
    const doomed = await startS3TestServer();
    const store = new S3BlobStore({ ...storeOptions(), endpoint: doomed.endpoint });
    try {
      await store.ensureBucket();
      await expect(store.check()).resolves.toBeUndefined();
      await doomed.close();
      await expect(store.check()).rejects.toThrow();
    } finally {
      store.close();
      await doomed.close();
    }
  });

  it('refuses half a credential pair and an out-of-range page size', () => {
    expect(() => new S3BlobStore({ ...storeOptions(), secretAccessKey: undefined })).toThrow(
      'both accessKeyId and secretAccessKey',
    );
    expect(() => new S3BlobStore(storeOptions({ pageSize: 1001 }))).toThrow('pageSize');
    expect(() => new S3BlobStore(storeOptions({ prefix: '../escape' }))).toThrow('store prefix');
  });
});
