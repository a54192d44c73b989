import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  type BucketLocationConstraint,
  type _Object,
} from '@aws-sdk/client-s3';
import type { BlobPutOptions, BlobStore } from '@agent-fleet/core';
import { blobObjectKey, blobObjectPrefix, normalizeStorePrefix } from './blob-key.js';

/** S3 lists and deletes at most 1000 keys per request. */
const MAX_PAGE_SIZE = 1000;

export interface S3BlobStoreOptions {
  /** Endpoint of an S3-compatible server (MinIO, R2 …), e.g. `http://minio:9000`. Default: AWS for `region`. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Static credentials, given together with `secretAccessKey`. Default: the AWS SDK's credential chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Address buckets as `endpoint/bucket` rather than `bucket.endpoint`; most self-hosted servers need it. */
  forcePathStyle: boolean;
  /** Folder inside the bucket that holds every workspace, e.g. `agent-fleet`, for a shared bucket. Default none. */
  prefix?: string;
  /** Keys per ListObjectsV2 page and per DeleteObjects batch, 1–1000. Default 1000; tests lower it to exercise paging. */
  pageSize?: number;
}

interface S3ErrorShape {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

/** A 404 for the object or bucket asked about; a missing bucket on an object call is NoSuchBucket and stays an error. */
const isNotFound = (error: unknown): boolean => {
  const { name, $metadata } = (error ?? {}) as S3ErrorShape;
  return name === 'NoSuchKey' || name === 'NotFound' || ($metadata?.httpStatusCode === 404 && name !== 'NoSuchBucket');
};

/**
 * Blobs in an S3 bucket (AWS, MinIO or any S3-compatible server) under `[prefix/]<workspaceId>/<key>`.
 * Keys are validated before any request, so a refused key never reaches the server.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly region: string;
  private readonly root: string;
  private readonly pageSize: number;

  constructor(options: S3BlobStoreOptions) {
    if ((options.accessKeyId === undefined) !== (options.secretAccessKey === undefined)) {
      throw new Error('S3BlobStore needs both accessKeyId and secretAccessKey, or neither');
    }
    const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new Error(`S3BlobStore pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    const storePrefix = normalizeStorePrefix(options.prefix);
    this.root = storePrefix ? `${storePrefix}/` : '';
    this.bucket = options.bucket;
    this.region = options.region;
    this.pageSize = pageSize;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials:
        options.accessKeyId !== undefined && options.secretAccessKey !== undefined
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      // Newer SDKs add CRC checksums to every request and verify them on every response; older
      // S3-compatible servers (MinIO-era releases, s3rver) reject or omit them. Only send them when required.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(workspaceId: string, key: string, body: Uint8Array | string, options: BlobPutOptions = {}): Promise<void> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.root + blobObjectKey(workspaceId, key),
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: options.contentType ?? 'application/octet-stream',
      }),
    );
  }

  async get(workspaceId: string, key: string): Promise<Uint8Array | null> {
    const objectKey = this.root + blobObjectKey(workspaceId, key);
    try {
      const output = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      const bytes = output.Body ? await output.Body.transformToByteArray() : new Uint8Array();
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(workspaceId: string, key: string): Promise<void> {
    // S3 answers 204 whether or not the object existed.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.root + blobObjectKey(workspaceId, key) }));
  }

  /** Deletes page by page: each listed page (≤ 1000 keys) becomes one DeleteObjects batch. */
  async deletePrefix(workspaceId: string, prefix: string): Promise<number> {
    const listPrefix = this.listPrefix(workspaceId, prefix);
    let deleted = 0;
    for await (const objects of this.pages(listPrefix)) {
      if (objects.length === 0) continue;
      const output = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: objects.map((object) => ({ Key: object.Key })), Quiet: true },
        }),
      );
      const failures = output.Errors ?? [];
      if (failures.length > 0) {
        const first = failures[0];
        throw new Error(
          `S3 refused to delete ${failures.length} of ${objects.length} objects (${first?.Code}: ${first?.Message})`,
        );
      }
      deleted += objects.length;
    }
    return deleted;
  }

  async list(workspaceId: string, prefix: string): Promise<string[]> {
    const listPrefix = this.listPrefix(workspaceId, prefix);
    const workspaceRoot = listPrefix.slice(0, listPrefix.length - prefix.length);
    const keys: string[] = [];
    for await (const objects of this.pages(listPrefix)) {
      for (const object of objects) keys.push(object.Key.slice(workspaceRoot.length));
    }
    // S3 already sorts by UTF-8 bytes; sorting again keeps the order identical to the filesystem store's.
    return keys.sort();
  }

  /** Reachable, with credentials that may use the bucket. */
  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  /** Creates the bucket unless it exists (start-up, tests). Safe to call concurrently. */
  async ensureBucket(): Promise<void> {
    try {
      await this.check();
      return;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    try {
      await this.client.send(
        new CreateBucketCommand({
          Bucket: this.bucket,
          // us-east-1 is the default location and must not be named.
          ...(this.region !== 'us-east-1' && {
            CreateBucketConfiguration: { LocationConstraint: this.region as BucketLocationConstraint },
          }),
        }),
      );
    } catch (error) {
      if ((error as S3ErrorShape).name !== 'BucketAlreadyOwnedByYou') throw error;
    }
  }

  /** Releases the client's sockets; the store is unusable afterwards. */
  close(): void {
    this.client.destroy();
  }

  private listPrefix(workspaceId: string, prefix: string): string {
    return this.root + blobObjectPrefix(workspaceId, prefix);
  }

  /** Every object under `prefix`, one ListObjectsV2 page at a time, following continuation tokens. */
  private async *pages(prefix: string): AsyncGenerator<(_Object & { Key: string })[]> {
    const paginator = paginateListObjectsV2(
      { client: this.client, pageSize: this.pageSize },
      { Bucket: this.bucket, Prefix: prefix },
    );
    for await (const page of paginator) {
      yield (page.Contents ?? []).filter((object): object is _Object & { Key: string } => object.Key !== undefined);
    }
  }
}
