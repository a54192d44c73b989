import { randomBytes } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';

let t: TestApp;
let owner: SignedIn;
let claims: { sub: string; sid: string };
beforeEach(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  const decoded = decodeJwt(owner.token);
  claims = { sub: String(decoded.sub), sid: String(decoded.sid) };
});
afterEach(async () => {
  await t.close();
});

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

interface Forge {
  key?: Uint8Array;
  alg?: string;
  /** `null` leaves the claim out. */
  iss?: string | null;
  aud?: string | null;
  exp?: number | null;
  iat?: number | null;
  sub?: string;
}

function forge({
  key = t.authSecret,
  alg = 'HS256',
  iss = 'agent-fleet',
  aud = 'agent-fleet-api',
  exp = now() + 600,
  iat = now() - 5,
  sub = claims.sub,
}: Forge) {
  let jwt = new SignJWT({ sid: claims.sid }).setProtectedHeader({ alg, typ: 'JWT' }).setSubject(sub);
  if (iss !== null) jwt = jwt.setIssuer(iss);
  if (aud !== null) jwt = jwt.setAudience(aud);
  if (iat !== null) jwt = jwt.setIssuedAt(iat);
  if (exp !== null) jwt = jwt.setExpirationTime(exp);
  return jwt.sign(key);
}

async function expectRefused(token: string) {
  const res = await t.client(token).get('/api/v1/agents');
  expect(res.status).toBe(401);
  expect(res.body.code).toBe('unauthorized');
  expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
}

describe('access tokens', () => {
  it('accepts a genuine token, and a correctly forged one proves the forge works', async () => {
    expect((await owner.client.get('/api/v1/agents')).status).toBe(200);
    expect((await t.client(await forge({})).get('/api/v1/agents')).status).toBe(200);
  });

  it('refuses alg "none"', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: claims.sub, sid: claims.sid, iss: 'agent-fleet', aud: 'agent-fleet-api', exp: now() + 600 })}.`;
    await expectRefused(token);
  });

  it('refuses a token signed with another key', async () => {
    await expectRefused(await forge({ key: randomBytes(32) }));
  });

  it('refuses another HMAC algorithm even with the right key', async () => {
    await expectRefused(await forge({ alg: 'HS512' }));
  });

  it('refuses an expired token', async () => {
    await expectRefused(await forge({ exp: now() - 60 }));
  });

  it('refuses a wrong issuer or audience', async () => {
    await expectRefused(await forge({ iss: 'someone-else' }));
    await expectRefused(await forge({ aud: 'another-api' }));
  });

  it.each([
    ['exp', { exp: null }],
    ['iat', { iat: null }],
    ['iss', { iss: null }],
    ['aud', { aud: null }],
  ] as const)('refuses a token signed with the real key but without "%s"', async (_claim, omitted) => {
    await expectRefused(await forge(omitted));
  });

  it('refuses a token older than the token lifetime, whatever its exp says', async () => {
    await expectRefused(await forge({ iat: now() - 3600, exp: now() + 3600 }));
  });

  it('refuses a token issued in the future', async () => {
    await expectRefused(await forge({ iat: now() + 3600, exp: now() + 4000 }));
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = owner.token.split('.');
    const payload = { ...decodeJwt(owner.token), sub: '00000000-0000-4000-8000-000000000999' };
    await expectRefused(`${header}.${b64(payload)}.${signature}`);
  });

  it('refuses a token used after logout', async () => {
    expect((await owner.client.post('/api/v1/auth/logout')).status).toBe(204);
    await expectRefused(owner.token);
  });

  it('refuses garbage, other schemes and headers that claim to bypass auth', async () => {
    await expectRefused('not-a-token');
    const basic = await t.anonymous.get('/api/v1/agents').set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`);
    expect(basic.status).toBe(401);
    const spoofed = await t.anonymous
      .get('/api/v1/agents?internal=true&token=x')
      .set('X-Internal-Request', 'true')
      .set('X-Forwarded-User', 'owner')
      .set('X-User-Id', claims.sub)
      .set('X-Workspace-Id', '00000000-0000-4000-8000-000000000001');
    expect(spoofed.status).toBe(401);
  });
});
