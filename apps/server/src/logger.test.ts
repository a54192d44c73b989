import { Writable } from 'node:stream';
import type { AccessService } from '@agent-fleet/core';
import { schema, type DatabaseHandle } from '@agent-fleet/db';
import { createTestDatabase } from '@agent-fleet/testing';
import { eq } from 'drizzle-orm';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './http/app.js';
import { createLogger } from './logger.js';

/** Values that look like what the database holds: a password hash, a key digest, a ciphertext, an email. */
const EMAIL = 'secret.person@example.test';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$SECRET-HASH-VALUE';
const SECOND_HASH = '$argon2id$v=19$m=19456,t=2,p=1$b3RoZXItc2FsdA$OTHER-SECRET-HASH';
const NOT_A_UUID = 'sk-digest-0f3e9c1b7a5d-SECRET';
const SECRETS = [EMAIL, 'secret.person', HASH, 'SECRET-HASH-VALUE', SECOND_HASH, 'OTHER-SECRET-HASH', NOT_A_UUID, 'SECRET'];

let database: DatabaseHandle;
let duplicate: unknown;
let badUuid: unknown;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(schema.users).values({ email: EMAIL, name: 'Secret Person', passwordHash: HASH });
  // Real database errors, as the repositories meet them: a unique violation and a refused value.
  duplicate = await database.db
    .insert(schema.users)
    .values({ email: EMAIL.toUpperCase().toLowerCase(), name: 'Again', passwordHash: SECOND_HASH })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  badUuid = await database.db
    .select()
    .from(schema.users)
    .where(eq(schema.users.id, NOT_A_UUID))
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}, 60_000);
afterAll(async () => {
  await database.close();
});

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ LOG_LEVEL: 'info' }, sink), lines };
}

const expectNoSecrets = (lines: string[]) => {
  expect(lines.length).toBeGreaterThan(0);
  for (const secret of SECRETS) expect(lines.join('\n'), secret).not.toContain(secret);
};

describe('the error serializer', () => {
  it('the provoked errors really carry the secrets (so the test can fail)', () => {
    const raw = [duplicate, badUuid].map(
      (error) => `${String((error as Error).message)} ${JSON.stringify(error)} ${String((error as Error).cause)}`,
    );
    expect(raw[0]).toContain(EMAIL);
    expect(raw[0]).toContain(SECOND_HASH);
    expect(raw[1]).toContain(NOT_A_UUID);
    const cause = (duplicate as { cause: { detail?: string } }).cause;
    expect(cause.detail).toContain(EMAIL);
  });

  it('logs a unique violation without any parameter value or the detail values, keeping what helps', () => {
    const { logger, lines } = capture();
    logger.error({ err: duplicate }, 'insert failed');
    expectNoSecrets(lines);
    const logged = JSON.parse(lines[0] ?? '{}') as { err: Record<string, unknown> & { cause: Record<string, unknown> } };
    expect(logged.err.type).toBe('DrizzleQueryError');
    expect(logged.err.message).toMatch(/^Failed query: insert into "users"/);
    expect(logged.err.params).toBeUndefined();
    expect(logged.err.cause).toMatchObject({ code: '23505', constraint: 'users_email_key' });
    expect(logged.err.cause.detail).toMatch(/^Key \(lower\(email\)\)=\(\[redacted\]\) already exists\.?$/);
    expect(logged.err.stack).toMatch(/\n\s+at /);
  });

  it('logs a refused value (quoted by PostgreSQL in its message) without it', () => {
    const { logger, lines } = capture();
    logger.error({ err: badUuid }, 'select failed');
    expectNoSecrets(lines);
    expect(lines[0]).toContain('invalid input syntax for type uuid');
  });

  it('redacts however the error is logged: as the first argument, under another key, nested', () => {
    const { logger, lines } = capture();
    logger.error(duplicate);
    logger.error(badUuid, 'with a message');
    logger.warn({ error: duplicate, context: { failure: badUuid } }, 'elsewhere');
    logger.child({ component: 'x' }).error({ err: duplicate });
    expect(lines).toHaveLength(4);
    expectNoSecrets(lines);
  });

  it('redacts errors the HTTP error translator logs through the request logger', async () => {
    const { logger, lines } = capture();
    const failing = express.Router();
    failing.get('/api/v1/fail', () => {
      throw duplicate;
    });
    failing.get('/api/v1/fail-uuid', () => {
      throw badUuid;
    });
    const app = createApp({
      routes: [],
      extraRouters: [failing],
      logger,
      bodyLimitBytes: 1024,
      trustProxy: 0,
      access: {} as AccessService,
      cookieSecure: 'false',
    });
    const res = await request(app).get('/api/v1/fail');
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('SECRET');
    expect((await request(app).get('/api/v1/fail-uuid')).status).toBe(500);
    expect(lines.filter((line) => line.includes('"unhandled error"'))).toHaveLength(2);
    expectNoSecrets(lines);
  });

  it('leaves ordinary errors readable', () => {
    const { logger, lines } = capture();
    logger.error({
      err: Object.assign(new Error('boom', { cause: new TypeError('inner') }), { code: 'E_X', host: 'a.example' }),
    });
    const logged = JSON.parse(lines[0] ?? '{}') as { err: Record<string, unknown> };
    expect(logged.err).toMatchObject({
      type: 'Error',
      message: 'boom',
      code: 'E_X',
      host: 'a.example',
      cause: { type: 'TypeError', message: 'inner' },
    });
  });
});
