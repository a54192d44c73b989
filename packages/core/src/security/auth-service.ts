import type { Me, Session, SetupStatus, User } from '@agent-fleet/contracts';
import { AppError } from '../app-error.js';
import { DEFAULT_WORKSPACE_ID } from '../workspace.js';
import type { Principal } from './access-service.js';
import type { AuditActor, AuditService } from './audit-service.js';
import type { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { permissionsOfRole } from './roles.js';
import { hashToken, randomToken } from './secrets.js';
import type { SecurityStore, UserRecord } from './store.js';
import type { TokenService } from './token-service.js';
import { slugify } from './slugify.js';

export interface SignupInput {
  email: string;
  password: string;
  name: string;
  inviteToken?: string | undefined;
}

export interface AuthServiceOptions {
  /** Whether anyone may sign up without an invitation after the first owner. Default false. */
  signupOpen: boolean;
  /** Refresh token (session) lifetime in days. Default 30. */
  sessionDays?: number;
}

/** A signed-in session: the access token for the API and the refresh token for the cookie. */
export interface IssuedSession {
  session: Session;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const invalidCredentials = () => new AppError('invalid_credentials', 'The email or password is incorrect');
const sessionEnded = () => new AppError('unauthorized', 'The session has ended; sign in again');

export const toUser = (record: UserRecord): User => ({
  id: record.id,
  email: record.email,
  name: record.name,
  createdAt: record.createdAt,
});

/** Sign-up, login, token refresh with rotation and reuse detection, logout and passwords. */
export class AuthService {
  private readonly sessionMs: number;

  constructor(
    private readonly store: SecurityStore,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly options: AuthServiceOptions,
  ) {
    this.sessionMs = (options.sessionDays ?? 30) * 24 * 60 * 60 * 1000;
  }

  async setupStatus(): Promise<SetupStatus> {
    return { needsSetup: (await this.store.users.count()) === 0, signupOpen: this.options.signupOpen };
  }

  /**
   * The first person becomes owner of the default workspace. After that, an invitation token joins
   * its workspace with its role; without one, sign-up works only when open (a new own workspace).
   */
  async signup(input: SignupInput, actor: AuditActor): Promise<IssuedSession> {
    return this.openSession(await this.register(input, actor, false));
  }

  /** For deployments (`agent-fleet create-owner`): the first owner, without opening a session. */
  async createFirstOwner(input: SignupInput, actor: AuditActor): Promise<User> {
    return toUser(await this.register(input, actor, true));
  }

  private async register(input: SignupInput, actor: AuditActor, firstOnly: boolean): Promise<UserRecord> {
    const passwordHash = await hashPassword(input.password);
    return this.store.transaction(async (tx) => {
      await tx.users.lockForSignup();
      const first = (await tx.users.count()) === 0;
      if (firstOnly && !first)
        throw new AppError('signup_closed', 'An owner already exists; invite people from the Members page');
      if (!first && !input.inviteToken && !this.options.signupOpen) {
        throw new AppError('signup_closed', 'Sign-up is by invitation only; ask an admin for an invitation link');
      }
      const invitation = !first && input.inviteToken ? await this.usableInvitation(tx, input.inviteToken, input.email) : null;
      const created = await tx.users.insert({ email: input.email, name: input.name, passwordHash });
      let workspaceId = DEFAULT_WORKSPACE_ID;
      let role = 'owner';
      if (invitation) {
        if (!(await tx.invitations.markAccepted(invitation.id, created.id))) throw invitationInvalid();
        workspaceId = invitation.workspaceId;
        role = invitation.role;
      } else if (!first) {
        const workspace = await tx.workspaces.insert({
          name: `${input.name}'s workspace`,
          slug: `${slugify(input.name)}-${randomToken(4).toLowerCase()}`,
        });
        workspaceId = workspace.id;
      }
      await tx.memberships.insert({ workspaceId, userId: created.id, role });
      await this.audit.record(
        workspaceId,
        { ...actor, principal: principalOf(created) },
        { action: 'auth.signup', targetType: 'user', targetId: created.id, metadata: { role } },
        tx,
      );
      return created;
    });
  }

  /** Failures look the same for unknown emails and wrong passwords, in body and in timing. */
  async login(input: { email: string; password: string }, actor: AuditActor): Promise<IssuedSession> {
    await this.throttle.consume(input.email, actor.ip);
    const user = await this.store.users.findByEmail(input.email);
    const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!user || !valid) {
      // The actor is whoever tried (anonymous, with the address), not the targeted user.
      if (user) await this.store.transaction((tx) => this.recordForUser(user, actor, 'auth.login_failed', {}, tx));
      throw invalidCredentials();
    }
    await this.throttle.reset(input.email, actor.ip);
    // The session and its `auth.login` events commit together.
    return this.store.transaction(async (tx) => {
      await this.recordForUser(user, { ...actor, principal: principalOf(user) }, 'auth.login', {}, tx);
      return this.openSession(user, tx);
    });
  }

  /**
   * Exchanges a refresh token for a new pair. Each token works once: presenting a used one means
   * it was stolen or replayed, so the whole session (token family) is revoked.
   */
  async refresh(refreshToken: string | undefined, actor: AuditActor): Promise<IssuedSession> {
    if (!refreshToken) throw sessionEnded();
    const record = await this.store.sessions.findRefreshToken(hashToken(refreshToken));
    if (!record || record.sessionRevoked || Date.parse(record.sessionExpiresAt) <= Date.now()) throw sessionEnded();
    const user = await this.store.users.findById(record.userId);
    if (!user) throw sessionEnded();
    const next = randomToken();
    if (record.usedAt !== null || !(await this.store.sessions.rotate(record.tokenId, record.sessionId, hashToken(next)))) {
      // Committed before the 401: the revocation is the point of detecting the reuse.
      await this.store.transaction(async (tx) => {
        await tx.sessions.revoke(record.sessionId);
        await this.recordForUser(
          user,
          { ...actor, principal: principalOf(user) },
          'auth.refresh_reused',
          { sessionId: record.sessionId },
          tx,
        );
      });
      throw sessionEnded();
    }
    return this.issue(user, record.sessionId, next, new Date(record.sessionExpiresAt));
  }

  async logout(principal: Principal, actor: AuditActor): Promise<void> {
    await this.store.transaction(async (tx) => {
      if (principal.sessionId) await tx.sessions.revoke(principal.sessionId);
      const user = await tx.users.findById(principal.userId);
      if (user) await this.recordForUser(user, actor, 'auth.logout', {}, tx);
    });
  }

  async me(principal: Principal): Promise<Me> {
    const user = await this.requireUser(principal.userId);
    // An API key sees only its own workspace.
    const memberships = (await this.store.memberships.listForUser(user.id)).filter(
      (m) => m.active && (principal.apiKeyWorkspaceId === null || m.workspaceId === principal.apiKeyWorkspaceId),
    );
    return {
      user: toUser(user),
      memberships: await Promise.all(
        memberships.map(async (m) => ({
          workspaceId: m.workspaceId,
          workspaceName: m.workspaceName,
          workspaceSlug: m.workspaceSlug,
          role: m.role,
          permissions: [...((await permissionsOfRole(this.store, m.workspaceId, m.role)) ?? [])],
        })),
      ),
    };
  }

  async updateProfile(principal: Principal, name: string): Promise<User> {
    return toUser(await this.store.users.updateName(principal.userId, name));
  }

  /** Changing the password ends every other session of the user. */
  async changePassword(
    principal: Principal,
    input: { currentPassword: string; newPassword: string },
    actor: AuditActor,
  ): Promise<void> {
    const user = await this.requireUser(principal.userId);
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('validation_failed', 'The current password is incorrect', {
        errors: [{ path: 'currentPassword', message: 'The current password is incorrect', code: 'incorrect' }],
      });
    }
    const passwordHash = await hashPassword(input.newPassword);
    await this.store.transaction(async (tx) => {
      await tx.users.updatePasswordHash(user.id, passwordHash);
      await tx.sessions.revokeAllForUser(user.id, principal.sessionId ?? undefined);
      await this.recordForUser(user, actor, 'auth.password_changed', {}, tx);
    });
  }

  private async usableInvitation(tx: SecurityStore, token: string, email: string) {
    const invitation = await tx.invitations.findByTokenHash(hashToken(token));
    if (
      !invitation ||
      invitation.acceptedAt !== null ||
      invitation.revokedAt !== null ||
      Date.parse(invitation.expiresAt) <= Date.now() ||
      (invitation.email !== null && invitation.email !== email)
    ) {
      throw invitationInvalid();
    }
    return invitation;
  }

  private async openSession(user: UserRecord, store: SecurityStore = this.store): Promise<IssuedSession> {
    const refreshToken = randomToken();
    const expiresAt = new Date(Date.now() + this.sessionMs);
    const sessionId = await store.sessions.create(user.id, expiresAt, hashToken(refreshToken));
    return this.issue(user, sessionId, refreshToken, expiresAt);
  }

  private async issue(user: UserRecord, sessionId: string, refreshToken: string, refreshExpiresAt: Date): Promise<IssuedSession> {
    const accessToken = await this.tokens.sign({ userId: user.id, sessionId });
    return {
      session: { accessToken, tokenType: 'Bearer', expiresIn: this.tokens.ttlSeconds, user: toUser(user) },
      refreshToken,
      refreshExpiresAt,
    };
  }

  private async requireUser(userId: string): Promise<UserRecord> {
    const user = await this.store.users.findById(userId);
    if (!user) throw sessionEnded();
    return user;
  }

  /** Security events about a user go to the audit log of every workspace they belong to. */
  private async recordForUser(
    user: UserRecord,
    actor: AuditActor,
    action: 'auth.login' | 'auth.login_failed' | 'auth.logout' | 'auth.password_changed' | 'auth.refresh_reused',
    metadata: Record<string, unknown>,
    store: SecurityStore,
  ) {
    const memberships = await store.memberships.listForUser(user.id);
    for (const membership of memberships) {
      await this.audit.record(membership.workspaceId, actor, { action, targetType: 'user', targetId: user.id, metadata }, store);
    }
  }
}

const invitationInvalid = () =>
  new AppError('invitation_invalid', 'The invitation is invalid, expired, already used, or meant for another email address');

/** A user acting for themselves, before they hold a session (sign-up, login). */
const principalOf = (user: UserRecord): Principal => ({
  kind: 'user',
  userId: user.id,
  sessionId: null,
  apiKeyId: null,
  apiKeyWorkspaceId: null,
  apiKeyRole: null,
  label: user.email,
});
