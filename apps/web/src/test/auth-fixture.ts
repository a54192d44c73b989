import {
  BUILT_IN_ROLE_PERMISSIONS,
  type BuiltInRole,
  type Me,
  type Membership,
  type Session,
  type User,
} from '@agent-fleet/contracts';

export const WORKSPACE_ID = '5d1c9a7e-3b2f-4e8d-a6c4-9f0e1b2d3c4a';

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: '7a4e2c1b-9d3f-4b6a-8e5c-1f2d3a4b5c6d',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    createdAt: '2026-01-01T09:00:00.000Z',
    ...overrides,
  };
}

/** A membership with a built-in role's exact permissions. */
export function makeMembership(role: BuiltInRole = 'owner', overrides: Partial<Membership> = {}): Membership {
  return {
    workspaceId: WORKSPACE_ID,
    workspaceName: 'Default workspace',
    workspaceSlug: 'default',
    role,
    permissions: [...BUILT_IN_ROLE_PERMISSIONS[role]],
    ...overrides,
  };
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return { user: makeUser(), memberships: [makeMembership()], ...overrides };
}

export function makeSession(overrides: Partial<Session> = {}): Session {
  return { accessToken: 'access-1', tokenType: 'Bearer', expiresIn: 900, user: makeUser(), ...overrides };
}
