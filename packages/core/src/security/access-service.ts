import { API_KEY_PREFIX, type Permission } from '@agent-fleet/contracts';
import { AppError } from '../app-error.js';
import type { AccessCache } from './access-cache.js';
import { permissionsOfRole } from './roles.js';
import { hashToken, sameHash } from './secrets.js';
import type { SecurityStore } from './store.js';
import type { TokenService } from './token-service.js';

/** Who is calling: a signed-in user, or an API key acting for the user who made it. */
export interface Principal {
  kind: 'user' | 'api_key';
  /** The user, or for an API key its creator. */
  userId: string;
  sessionId: string | null;
  apiKeyId: string | null;
  /** An API key is bound to one workspace. */
  apiKeyWorkspaceId: string | null;
  apiKeyRole: string | null;
  /** For audit lines: the email, or the key's prefix. */
  label: string;
}

/** What the principal may do in the workspace the request acts in. */
export interface WorkspaceAccess {
  workspaceId: string;
  role: string;
  permissions: ReadonlySet<Permission>;
}

const NO_PERMISSIONS: readonly Permission[] = Object.freeze([]);

/**
 * The permissions of `granted` that `allowed` also grants (all of them without `allowed`), as a set
 * made once per pair of lists and shared by every request that resolves to them. The lists are the
 * access cache's (or the built-in roles' constants), so a change to a role brings new lists, hence new
 * sets, and the sets of the old ones go with them. Building two sets of some 60 permissions per request
 * was a fifth of what an API key's cached request allocated.
 */
const permissionSets = new WeakMap<readonly Permission[], WeakMap<readonly Permission[], ReadonlySet<Permission>>>();
function permissionSet(granted: readonly Permission[], allowed: readonly Permission[] = granted): ReadonlySet<Permission> {
  let byAllowed = permissionSets.get(granted);
  if (!byAllowed) permissionSets.set(granted, (byAllowed = new WeakMap()));
  let set = byAllowed.get(allowed);
  if (!set) {
    const held = new Set(allowed);
    set = new Set(granted.filter((permission) => held.has(permission)));
    byAllowed.set(allowed, set);
  }
  return set;
}

const unauthorized = (message: string) => new AppError('unauthorized', message);
const workspaceNotFound = () => new AppError('not_found', 'Workspace not found');

/**
 * Authenticates bearer credentials and resolves a principal's role in a workspace. What it reads from
 * the store goes through `cache` (see AccessCache: `store` must be one the cache watches); the checks
 * themselves (the key's secret and expiry, the token's signature) run on every request.
 */
export class AccessService {
  constructor(
    private readonly store: SecurityStore,
    private readonly tokens: TokenService,
    private readonly cache: AccessCache,
  ) {}

  /** Accepts `Authorization: Bearer <access token | API key>`; anything else is a 401. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) throw unauthorized('Sign in, or send an access token or API key as "Authorization: Bearer …"');
    const credential = match[1];
    return credential.startsWith(API_KEY_PREFIX) ? this.authenticateApiKey(credential) : this.authenticateToken(credential);
  }

  /**
   * The principal's access to the requested workspace (by default its oldest membership). A
   * workspace the principal does not belong to is reported as missing, never as forbidden.
   */
  async resolveWorkspace(principal: Principal, requestedId: string | undefined): Promise<WorkspaceAccess> {
    const memberships = (
      await this.cache.get(`memberships:${principal.userId}`, () => this.store.memberships.listForUser(principal.userId))
    ).filter((m) => m.active);
    const targetId = principal.apiKeyWorkspaceId ?? requestedId ?? memberships[0]?.workspaceId;
    if (requestedId && targetId !== requestedId) throw workspaceNotFound();
    const membership = memberships.find((m) => m.workspaceId === targetId);
    if (!membership) {
      if (principal.kind === 'api_key') throw unauthorized('The API key’s creator no longer has access to its workspace');
      if (requestedId) throw workspaceNotFound();
      throw new AppError('forbidden', 'You are not an active member of any workspace');
    }
    const userPermissions = (await this.permissionsOfRole(membership.workspaceId, membership.role)) ?? NO_PERMISSIONS;
    if (principal.kind === 'user') {
      return { workspaceId: membership.workspaceId, role: membership.role, permissions: permissionSet(userPermissions) };
    }
    // A key never exceeds its creator's current rights: demoting the creator narrows the key.
    const keyRole = principal.apiKeyRole ?? '';
    const keyPermissions = (await this.permissionsOfRole(membership.workspaceId, keyRole)) ?? NO_PERMISSIONS;
    // Likewise for the owner role, which carries rights beyond its permissions (managing owners).
    const role = keyRole === 'owner' && membership.role !== 'owner' ? membership.role : keyRole;
    return { workspaceId: membership.workspaceId, role, permissions: permissionSet(keyPermissions, userPermissions) };
  }

  /** Throws 403 unless the access grants the permission. */
  authorize(access: WorkspaceAccess, permission: Permission): void {
    if (!access.permissions.has(permission)) {
      throw new AppError('forbidden', `Your role (${access.role}) lacks the permission ${permission}`);
    }
  }

  private permissionsOfRole(workspaceId: string, role: string): Promise<readonly Permission[] | null> {
    return this.cache.get(`role:${workspaceId}:${role}`, () => permissionsOfRole(this.store, workspaceId, role));
  }

  private async authenticateToken(token: string): Promise<Principal> {
    const claims = await this.tokens.verify(token);
    // The session's user, or null once it has ended.
    const email = await this.cache.get(`session:${claims.sessionId}:${claims.userId}`, async () => {
      if (!(await this.store.sessions.isActive(claims.sessionId, claims.userId))) return null;
      return (await this.store.users.findById(claims.userId))?.email ?? null;
    });
    if (email === null) throw unauthorized('The session has ended; sign in again');
    return {
      kind: 'user',
      userId: claims.userId,
      sessionId: claims.sessionId,
      apiKeyId: null,
      apiKeyWorkspaceId: null,
      apiKeyRole: null,
      label: email,
    };
  }

  private async authenticateApiKey(key: string): Promise<Principal> {
    const [, id, secret] = /^af_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{20,})$/.exec(key) ?? [];
    const prefix = `${API_KEY_PREFIX}${id}`;
    const record = id ? await this.cache.get(`api-key:${prefix}`, () => this.store.apiKeys.findByPrefix(prefix)) : null;
    const valid =
      record &&
      secret &&
      sameHash(hashToken(secret), record.secretHash) &&
      record.revokedAt === null &&
      (record.expiresAt === null || Date.parse(record.expiresAt) > Date.now()) &&
      record.createdBy !== null;
    if (!valid || !record.createdBy) throw unauthorized('The API key is invalid, expired or revoked');
    // Last use is recorded at most once per cache period: a write per request would cost more than the read.
    await this.cache.get(`api-key-used:${record.id}`, () => this.store.apiKeys.touch(record.id));
    return {
      kind: 'api_key',
      userId: record.createdBy,
      sessionId: null,
      apiKeyId: record.id,
      apiKeyWorkspaceId: record.workspaceId,
      apiKeyRole: record.role,
      label: record.prefix,
    };
  }
}
