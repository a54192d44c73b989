import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { BuiltInRole, Session } from '@agent-fleet/contracts';
import { FsBlobStore } from '@agent-fleet/adapters';
import {
  SecretBox,
  useCheapPasswordHashingInTests,
  type BlobStore,
  type FleetDispatcher,
  type PipelineEngine,
  type TemplateEngine,
} from '@agent-fleet/core';
import { createTestDatabase } from '@agent-fleet/testing';
import type { DatabaseHandle } from '@agent-fleet/db';
import type { Express } from 'express';
import request from 'supertest';
import { createLogger } from './logger.js';
import { buildApp, type AppDependencies, type AppEnv, type BuiltApp } from './main.js';
import { recordResponses } from './openapi-conformance.test-support.js';
import type { AppTracing } from './observability/otel-tracing.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** A supertest client whose every request carries the bearer credential (if any). */
export type Client = Record<Method, (url: string) => request.Test>;

export interface SignedIn {
  token: string;
  user: Session['user'];
  /** The raw Set-Cookie header of the refresh cookie. */
  refreshCookie: string;
  client: Client;
}

export interface TestApp {
  app: Express;
  /** The pipeline engine behind the app, started. */
  engine: PipelineEngine;
  /** The fleet dispatcher behind the app, started. */
  fleetDispatcher: FleetDispatcher;
  database: DatabaseHandle;
  /** The app's blob store (a fresh directory per test app). */
  blobs: BlobStore;
  /** The directory the file blob store writes to. */
  blobDir: string;
  /** The signing key, for crafting tokens in attack tests. */
  authSecret: Uint8Array;
  /** Every structured log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  /** A client with no credentials. */
  anonymous: Client;
  client(token: string, workspaceId?: string): Client;
  /** Signs up the first user, who becomes owner of the default workspace. */
  signupOwner(email?: string): Promise<SignedIn>;
  /** The owner invites a new user with `role`; the user signs up with the invitation. */
  addUser(owner: SignedIn, role: BuiltInRole | string, email?: string): Promise<SignedIn>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export const TEST_ENV: AppEnv = {
  BODY_LIMIT_BYTES: 1024 * 1024,
  WEB_DIST_DIR: undefined,
  ACCESS_TOKEN_TTL_SECONDS: 900,
  SESSION_DAYS: 30,
  SIGNUP_OPEN: false,
  LOGIN_MAX_ATTEMPTS: 5,
  COOKIE_SECURE: 'false',
  TRUST_PROXY: 0,
  LLM_MAX_CONCURRENCY: 8,
  LLM_REQUESTS_PER_MINUTE: 600,
  LLM_FIRST_TOKEN_TIMEOUT_MS: 60_000,
  LLM_IDLE_TIMEOUT_MS: 30_000,
  LLM_TOTAL_TIMEOUT_MS: 0,
  LLM_MAX_ATTEMPTS: 3,
  MESSAGE_INLINE_LIMIT_BYTES: 32_768,
  STEP_OUTPUT_INLINE_LIMIT_BYTES: 65_536,
  API_CACHE_TTL_MS: 1000,
  PIPELINE_SLOTS: 8,
  PIPELINE_WORKER_STALE_MS: 15_000,
  OUTBOUND_ALLOW_PRIVATE: false,
  OUTBOUND_ALLOWED_HOSTS: '',
  OPENAI_COMPATIBLE_PROVIDER: 'ollama',
};

let userSequence = 0;

// The API tests sign up and sign in users by the thousand: they hash at argon2id's least cost, not
// OWASP's (the real cost is tested in core's password-hasher.test.ts and by the built product's tests).
// The benchmarks (bench/, outside Vitest) use the same apps and hash at the real cost.
if (process.env.VITEST) useCheapPasswordHashingInTests();

/** A destination for a pino logger that keeps every line it writes, parsed. */
export function captureLogs(): { logs: Record<string, unknown>[]; sink: Writable } {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logs, sink };
}

/** The real app on a fresh, migrated database (PGlite, or PostgreSQL with TEST_DB=postgres). */
export async function createTestApp(
  options: { env?: Partial<AppEnv>; blobs?: BlobStore; templates?: TemplateEngine; tracing?: AppTracing } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const blobDir = mkdtempSync(join(tmpdir(), 'af-blobs-'));
  const blobs = options.blobs ?? new FsBlobStore(blobDir);
  const { logs, sink } = captureLogs();
  const authSecret = randomBytes(32);
  const { app, engine, fleetDispatcher } = buildApp({
    database,
    logger: createLogger({ LOG_LEVEL: 'info' }, sink),
    env: { ...TEST_ENV, ...options.env },
    authSecret,
    secrets: new SecretBox(randomBytes(32)),
    blobs,
    ...(options.templates ? { templates: options.templates } : {}),
    ...(options.tracing ? { tracing: options.tracing } : {}),
  });

  await engine.start();
  await fleetDispatcher.start();

  // Every JSON body the tests receive is checked against the served OpenAPI document on close(). The
  // document depends on the settings and on what was injected, nothing else (one key, one document).
  const documentKey = JSON.stringify({
    env: { ...TEST_ENV, ...options.env },
    driver: database.driver,
    injected: Object.keys(options)
      .filter((key) => key !== 'env')
      .sort(),
  });
  const recorder = recordResponses(app, documentKey);
  const client = (token?: string, workspaceId?: string): Client => {
    const wrap = (method: Method) => (url: string) => {
      let test = request(recorder.handler)[method](url);
      if (token) test = test.set('Authorization', `Bearer ${token}`);
      if (workspaceId) test = test.set('X-Workspace-Id', workspaceId);
      return test;
    };
    return { get: wrap('get'), post: wrap('post'), patch: wrap('patch'), put: wrap('put'), delete: wrap('delete') };
  };

  const signedIn = (res: request.Response): SignedIn => {
    if (res.status !== 200 && res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
    const body = res.body as Session;
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    return { token: body.accessToken, user: body.user, refreshCookie: cookies[0] ?? '', client: client(body.accessToken) };
  };

  const nextEmail = () => `user${++userSequence}@example.test`;

  return {
    app,
    engine,
    fleetDispatcher,
    database,
    blobs,
    blobDir,
    authSecret,
    logs,
    anonymous: client(),
    client,
    async signupOwner(email = nextEmail()) {
      return signedIn(
        await request(recorder.handler)
          .post('/api/v1/auth/signup')
          .send({ email, password: TEST_PASSWORD, name: 'Olivia Owner' }),
      );
    },
    async addUser(owner, role, email = nextEmail()) {
      const invitation = await owner.client.post('/api/v1/invitations').send({ role });
      if (invitation.status !== 201) throw new Error(`invitation failed: ${invitation.status} ${invitation.text}`);
      return signedIn(
        await request(recorder.handler)
          .post('/api/v1/auth/signup')
          .send({ email, password: TEST_PASSWORD, name: `A ${role}`, inviteToken: invitation.body.token }),
      );
    },
    async close() {
      const violations = await recorder.violations();
      await fleetDispatcher.stop();
      await engine.stop();
      await database.close();
      rmSync(blobDir, { recursive: true, force: true });
      if (violations.length > 0) {
        throw new Error(`Responses that do not match the OpenAPI document:\n${[...new Set(violations)].join('\n')}`);
      }
    },
  };
}

/**
 * Another server of the same deployment as `t`: its database, blobs and signing key (so `t`'s tokens
 * open it), and a provider-key box of its own. From `own` it takes a log sink (silent without one), an
 * instance id, tracing or an access cache. Nothing is started: the caller starts and stops what its
 * test needs.
 */
export function buildSecondApp(
  t: Pick<TestApp, 'database' | 'blobs' | 'authSecret'>,
  own: Pick<AppDependencies, 'instanceId' | 'tracing' | 'accessCache'> & { logSink?: Writable } = {},
): BuiltApp {
  const { logSink, ...dependencies } = own;
  return buildApp({
    database: t.database,
    logger: createLogger({ LOG_LEVEL: logSink ? 'info' : 'silent' }, logSink),
    env: TEST_ENV,
    authSecret: t.authSecret,
    secrets: new SecretBox(randomBytes(32)),
    blobs: t.blobs,
    ...dependencies,
  });
}

/** An agent on the offline mock provider, created through the API; fails loudly unless it is created. */
export async function createMockAgent(
  owner: SignedIn,
  name: string,
  model = 'echo',
  extra: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const res = await owner.client.post('/api/v1/agents').send({ name, model: { provider: 'mock', model }, ...extra });
  if (res.status !== 201) throw new Error(`creating agent ${name} answered ${res.status}: ${res.text}`);
  return res.body as { id: string; name: string };
}

/** The events of a server-sent-events body, as `{ type, ...data }` objects in order. */
export function parseSse(text: string): ({ type: string } & Record<string, unknown>)[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (!event || data === undefined) throw new Error(`Malformed SSE frame: ${frame}`);
      return { ...(JSON.parse(data) as Record<string, unknown>), type: event };
    });
}
