import { join } from 'node:path';
import { createGuardedFetch, FsBlobStore, S3BlobStore } from '@agent-fleet/adapters';
import type { BlobStore, ProviderConfig } from '@agent-fleet/core';
import type { Env } from './env.js';

/** The blob store the config names: S3 (MinIO, AWS …) when chosen or when S3_BUCKET is set, else DATA_DIR/blobs. */
export async function openBlobStore(env: Env): Promise<BlobStore> {
  const kind = env.BLOB_STORE ?? (env.S3_BUCKET ? 's3' : 'fs');
  if (kind === 'fs') return new FsBlobStore(join(env.DATA_DIR, 'blobs'));
  if (!env.S3_BUCKET) throw new Error('BLOB_STORE=s3 needs S3_BUCKET');
  const store = new S3BlobStore({
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
    ...(env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID } : {}),
    ...(env.S3_SECRET_ACCESS_KEY ? { secretAccessKey: env.S3_SECRET_ACCESS_KEY } : {}),
  });
  await store.ensureBucket();
  return store;
}

export type OutboundEnv = Pick<Env, 'OUTBOUND_ALLOW_PRIVATE' | 'OUTBOUND_ALLOWED_HOSTS'>;

/** The fetch every provider request uses: refuses private and loopback addresses unless allowed. */
export const outboundFetch = (env: OutboundEnv): typeof fetch =>
  createGuardedFetch({
    allowPrivateNetworks: env.OUTBOUND_ALLOW_PRIVATE,
    allowedHosts: env.OUTBOUND_ALLOWED_HOSTS.split(',')
      .map((host) => host.trim())
      .filter(Boolean),
  });

export type ProviderEnv = Pick<
  Env,
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'ANTHROPIC_API_KEY'
  | 'ANTHROPIC_BASE_URL'
  | 'OPENAI_COMPATIBLE_BASE_URL'
  | 'OPENAI_COMPATIBLE_API_KEY'
  | 'OPENAI_COMPATIBLE_PROVIDER'
>;

/** Providers the server environment configures for every workspace. */
export function environmentProviders(env: ProviderEnv): ProviderConfig[] {
  const providers: ProviderConfig[] = [];
  if (env.OPENAI_API_KEY) {
    providers.push({ id: 'openai', kind: 'openai', apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL ?? null });
  }
  if (env.ANTHROPIC_API_KEY) {
    providers.push({
      id: 'anthropic',
      kind: 'anthropic',
      apiKey: env.ANTHROPIC_API_KEY,
      baseUrl: env.ANTHROPIC_BASE_URL ?? null,
    });
  }
  if (env.OPENAI_COMPATIBLE_BASE_URL) {
    providers.push({
      id: env.OPENAI_COMPATIBLE_PROVIDER,
      kind: 'openai-compatible',
      apiKey: env.OPENAI_COMPATIBLE_API_KEY ?? null,
      baseUrl: env.OPENAI_COMPATIBLE_BASE_URL,
    });
  }
  return providers;
}
