import type { ApiKey, AuditEvent, AuditQuery, Invitation, Member, Permission } from '@agent-fleet/contracts';
import type { CursorPosition } from '../cursor.js';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: string;
}

export interface MembershipRecord {
  workspaceId: string;
  workspaceName: string;
  workspaceSlug: string;
  userId: string;
  role: string;
  active: boolean;
}

export interface CustomRoleRecord {
  id: string;
  name: string;
  description: string;
  permissions: Permission[];
}

export interface RefreshTokenRecord {
  tokenId: string;
  sessionId: string;
  userId: string;
  usedAt: string | null;
  sessionRevoked: boolean;
  sessionExpiresAt: string;
}

export interface ApiKeyRecord extends ApiKey {
  workspaceId: string;
  secretHash: string;
}

export interface InvitationRecord extends Invitation {
  workspaceId: string;
}

export type AuditEventInput = Omit<AuditEvent, 'id' | 'createdAt'> & { workspaceId: string };

export interface UserRepository {
  count(): Promise<number>;
  findById(id: string): Promise<UserRecord | null>;
  findByEmail(email: string): Promise<UserRecord | null>;
  /** Throws AppError `email_taken` when the address is registered. */
  insert(user: { email: string; name: string; passwordHash: string }): Promise<UserRecord>;
  updateName(id: string, name: string): Promise<UserRecord>;
  updatePasswordHash(id: string, passwordHash: string): Promise<void>;
  /** Serialises first-run sign-ups: held until the surrounding transaction ends. */
  lockForSignup(): Promise<void>;
}

export interface MembershipRepository {
  /** The user's memberships, oldest first, with their workspaces. */
  listForUser(userId: string): Promise<MembershipRecord[]>;
  find(workspaceId: string, userId: string): Promise<MembershipRecord | null>;
  listMembers(workspaceId: string): Promise<Member[]>;
  insert(membership: { workspaceId: string; userId: string; role: string }): Promise<void>;
  update(workspaceId: string, userId: string, changes: { role?: string; active?: boolean }): Promise<void>;
  delete(workspaceId: string, userId: string): Promise<boolean>;
  countActive(workspaceId: string, role: string): Promise<number>;
  /** Serialises membership changes of one workspace until the surrounding transaction ends. */
  lockWorkspace(workspaceId: string): Promise<void>;
  countWithRole(workspaceId: string, role: string): Promise<number>;
}

export interface RoleRepository {
  list(workspaceId: string): Promise<CustomRoleRecord[]>;
  findByName(workspaceId: string, name: string): Promise<CustomRoleRecord | null>;
  findById(workspaceId: string, id: string): Promise<CustomRoleRecord | null>;
  /** Throws AppError `name_taken` when the name is used. */
  insert(workspaceId: string, role: Omit<CustomRoleRecord, 'id'>): Promise<CustomRoleRecord>;
  update(
    workspaceId: string,
    id: string,
    changes: Partial<Pick<CustomRoleRecord, 'description' | 'permissions'>>,
  ): Promise<CustomRoleRecord | null>;
  delete(workspaceId: string, id: string): Promise<boolean>;
}

export interface SessionRepository {
  /** Opens a session with its first refresh token; returns the session id. */
  create(userId: string, expiresAt: Date, tokenHash: string): Promise<string>;
  findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /** Marks the token used and adds its successor; false when it was already used (a race or a replay). */
  rotate(tokenId: string, sessionId: string, nextTokenHash: string): Promise<boolean>;
  revoke(sessionId: string): Promise<void>;
  revokeAllForUser(userId: string, exceptSessionId?: string): Promise<void>;
  isActive(sessionId: string, userId: string): Promise<boolean>;
}

export interface ApiKeyRepository {
  insert(key: Omit<ApiKeyRecord, 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiKeyRecord>;
  /** Keys of the workspace, newest first; only those created by `createdBy` when given. */
  list(workspaceId: string, createdBy?: string): Promise<ApiKeyRecord[]>;
  findById(workspaceId: string, id: string): Promise<ApiKeyRecord | null>;
  findByPrefix(prefix: string): Promise<ApiKeyRecord | null>;
  revoke(workspaceId: string, id: string): Promise<void>;
  touch(id: string): Promise<void>;
}

export interface InvitationRepository {
  insert(invitation: {
    workspaceId: string;
    email: string | null;
    role: string;
    tokenHash: string;
    createdBy: string;
    expiresAt: Date;
  }): Promise<InvitationRecord>;
  list(workspaceId: string): Promise<InvitationRecord[]>;
  findByTokenHash(tokenHash: string): Promise<InvitationRecord | null>;
  /** False when it was accepted or revoked meanwhile. */
  markAccepted(id: string, userId: string): Promise<boolean>;
  revoke(workspaceId: string, id: string): Promise<boolean>;
}

export interface WorkspaceRepository {
  insert(workspace: { name: string; slug: string }): Promise<{ id: string; name: string; slug: string; createdAt: string }>;
}

export interface AuditRepository {
  insert(event: AuditEventInput): Promise<void>;
  /** Up to `limit + 1` events after the cursor, newest first. */
  list(workspaceId: string, query: Omit<AuditQuery, 'cursor'> & { after?: CursorPosition }): Promise<AuditEvent[]>;
}

/** Every repository the security services use, bound to one connection or transaction. */
export interface SecurityStore {
  users: UserRepository;
  memberships: MembershipRepository;
  roles: RoleRepository;
  sessions: SessionRepository;
  apiKeys: ApiKeyRepository;
  invitations: InvitationRepository;
  workspaces: WorkspaceRepository;
  audit: AuditRepository;
  /** Runs `fn` in one transaction; the store it receives is bound to it. */
  transaction<T>(fn: (store: SecurityStore) => Promise<T>): Promise<T>;
}
