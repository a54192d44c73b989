import {
  BUILT_IN_ROLE_PERMISSIONS,
  BUILT_IN_ROLES,
  type ApiKey,
  type Invitation,
  type Member,
  type Role,
} from '@agent-fleet/contracts';
import { makeUser } from './auth-fixture';

/** The signed-in user of auth-fixture, as a member. */
export function makeMember(overrides: Partial<Member> = {}): Member {
  const user = makeUser();
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: 'owner',
    active: true,
    joinedAt: '2026-01-01T09:00:00.000Z',
    ...overrides,
  };
}

export const bob = (overrides: Partial<Member> = {}): Member =>
  makeMember({
    userId: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
    email: 'bob@example.com',
    name: 'Bob Builder',
    role: 'editor',
    ...overrides,
  });

/** The built-in roles as `GET /api/v1/roles` lists them, plus any custom ones. */
export function makeRoleList(custom: Role[] = []) {
  const builtIn = BUILT_IN_ROLES.map((name): Role => ({
    id: null,
    name,
    description: `The ${name} role`,
    permissions: [...BUILT_IN_ROLE_PERMISSIONS[name]],
    builtIn: true,
    memberCount: name === 'owner' ? 1 : 0,
  }));
  return { items: [...builtIn, ...custom], permissions: [...BUILT_IN_ROLE_PERMISSIONS.owner] };
}

export function makeInvitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
    email: 'carol@example.com',
    role: 'viewer',
    createdAt: '2026-03-01T09:00:00.000Z',
    expiresAt: '2099-03-08T09:00:00.000Z',
    acceptedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function makeApiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: '6b5a4f3e-2d1c-4b0a-9f8e-7d6c5b4a3f2e',
    name: 'CI deploy',
    prefix: 'af_AbCd1234',
    role: 'editor',
    createdBy: makeUser().id,
    createdAt: '2026-03-01T09:00:00.000Z',
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}
