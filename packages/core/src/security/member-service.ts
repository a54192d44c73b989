import {
  ALL_PERMISSIONS,
  BUILT_IN_ROLE_PERMISSIONS,
  BUILT_IN_ROLES,
  type Invitation,
  type InvitationCreated,
  type Member,
  type Permission,
  type Role,
  type Workspace,
} from '@agent-fleet/contracts';
import { AppError, invalidField, notFound } from '../app-error.js';
import type { Principal, WorkspaceAccess } from './access-service.js';
import type { AuditActor, AuditService } from './audit-service.js';
import { isSubset, permissionsOfRole } from './roles.js';
import { hashToken, randomToken } from './secrets.js';
import { slugify } from './slugify.js';
import type { InvitationRecord, SecurityStore } from './store.js';

const ROLE_DESCRIPTIONS: Record<(typeof BUILT_IN_ROLES)[number], string> = {
  owner: 'Everything, including granting and removing the owner role',
  admin: 'Everything except changing owners',
  editor: 'Create, change, delete and run agents, fleets, pipelines, prompts and connectors',
  operator: 'Run agents, fleets and pipelines and manage runs; read everything else',
  viewer: 'Read-only access',
};

async function assertAnotherOwner(store: SecurityStore, workspaceId: string): Promise<void> {
  if ((await store.memberships.countActive(workspaceId, 'owner')) <= 1) {
    throw new AppError('last_owner', 'The workspace must keep at least one active owner');
  }
}

const toInvitation = ({ workspaceId: _workspaceId, ...invitation }: InvitationRecord): Invitation => invitation;

/** Members, roles, invitations and workspaces: who belongs where, with which rights. */
export class MemberService {
  constructor(
    private readonly store: SecurityStore,
    private readonly audit: AuditService,
  ) {}

  async createWorkspace(principal: Principal, name: string, actor: AuditActor): Promise<Workspace> {
    return this.store.transaction(async (tx) => {
      const workspace = await tx.workspaces.insert({ name, slug: `${slugify(name)}-${randomToken(4).toLowerCase()}` });
      await tx.memberships.insert({ workspaceId: workspace.id, userId: principal.userId, role: 'owner' });
      await this.audit.record(
        workspace.id,
        actor,
        { action: 'workspace.created', targetType: 'workspace', targetId: workspace.id },
        tx,
      );
      return workspace;
    });
  }

  listMembers(access: WorkspaceAccess): Promise<Member[]> {
    return this.store.memberships.listMembers(access.workspaceId);
  }

  /**
   * Changes a member's role or deactivates them. Only owners touch the owner role, nobody grants
   * more than they hold, and the last active owner cannot be demoted or deactivated.
   */
  async updateMember(
    access: WorkspaceAccess,
    userId: string,
    changes: { role?: string | undefined; active?: boolean | undefined },
    actor: AuditActor,
  ): Promise<Member> {
    if (changes.role !== undefined) await this.assertGrantable(access, changes.role, 'role');
    // Checked and written under a per-workspace lock: two owners stepping down at once must not
    // both see the other as the remaining owner.
    await this.store.transaction(async (tx) => {
      await tx.memberships.lockWorkspace(access.workspaceId);
      const current = await tx.memberships.find(access.workspaceId, userId);
      if (!current) throw notFound('Member', userId);
      const touchesOwner = current.role === 'owner' || changes.role === 'owner';
      if (touchesOwner && access.role !== 'owner')
        throw new AppError('forbidden', 'Only an owner can change an owner or grant ownership');
      const losesOwner =
        current.role === 'owner' &&
        current.active &&
        ((changes.role !== undefined && changes.role !== 'owner') || changes.active === false);
      if (losesOwner) await assertAnotherOwner(tx, access.workspaceId);
      await tx.memberships.update(access.workspaceId, userId, {
        ...(changes.role !== undefined ? { role: changes.role } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
      });
      if (changes.role !== undefined && changes.role !== current.role) {
        await this.audit.record(
          access.workspaceId,
          actor,
          {
            action: 'member.role_changed',
            targetType: 'user',
            targetId: userId,
            metadata: { from: current.role, to: changes.role },
          },
          tx,
        );
      }
      if (changes.active !== undefined && changes.active !== current.active) {
        await this.audit.record(
          access.workspaceId,
          actor,
          { action: changes.active ? 'member.reactivated' : 'member.deactivated', targetType: 'user', targetId: userId },
          tx,
        );
      }
      return current;
    });
    const updated = (await this.store.memberships.listMembers(access.workspaceId)).find((m) => m.userId === userId);
    if (!updated) throw notFound('Member', userId);
    return updated;
  }

  async removeMember(access: WorkspaceAccess, userId: string, actor: AuditActor): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.memberships.lockWorkspace(access.workspaceId);
      const current = await tx.memberships.find(access.workspaceId, userId);
      if (!current) throw notFound('Member', userId);
      if (current.role === 'owner') {
        if (access.role !== 'owner') throw new AppError('forbidden', 'Only an owner can remove an owner');
        if (current.active) await assertAnotherOwner(tx, access.workspaceId);
      }
      await tx.memberships.delete(access.workspaceId, userId);
      await this.audit.record(
        access.workspaceId,
        actor,
        { action: 'member.removed', targetType: 'user', targetId: userId, metadata: { role: current.role } },
        tx,
      );
    });
  }

  async listRoles(access: WorkspaceAccess): Promise<{ items: Role[]; permissions: Permission[] }> {
    const custom = await this.store.roles.list(access.workspaceId);
    const count = (role: string) => this.store.memberships.countWithRole(access.workspaceId, role);
    const builtIn = await Promise.all(
      BUILT_IN_ROLES.map(async (name) => ({
        id: null,
        name,
        description: ROLE_DESCRIPTIONS[name],
        permissions: [...BUILT_IN_ROLE_PERMISSIONS[name]],
        builtIn: true,
        memberCount: await count(name),
      })),
    );
    const customRoles = await Promise.all(
      custom.map(async (role) => ({ ...role, builtIn: false, memberCount: await count(role.name) })),
    );
    return { items: [...builtIn, ...customRoles], permissions: [...ALL_PERMISSIONS] };
  }

  async createRole(
    access: WorkspaceAccess,
    input: { name: string; description: string; permissions: Permission[] },
    actor: AuditActor,
  ): Promise<Role> {
    this.assertWithin(access, input.permissions);
    const role = await this.store.transaction(async (tx) => {
      const inserted = await tx.roles.insert(access.workspaceId, input);
      await this.audit.record(
        access.workspaceId,
        actor,
        { action: 'role.created', targetType: 'role', targetId: inserted.id, metadata: { name: inserted.name } },
        tx,
      );
      return inserted;
    });
    return { ...role, builtIn: false, memberCount: 0 };
  }

  async updateRole(
    access: WorkspaceAccess,
    id: string,
    changes: { description?: string | undefined; permissions?: Permission[] | undefined },
    actor: AuditActor,
  ): Promise<Role> {
    if (changes.permissions) this.assertWithin(access, changes.permissions);
    const role = await this.store.transaction(async (tx) => {
      const updated = await tx.roles.update(access.workspaceId, id, {
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.permissions !== undefined ? { permissions: changes.permissions } : {}),
      });
      if (!updated) throw notFound('Role', id);
      await this.audit.record(
        access.workspaceId,
        actor,
        { action: 'role.updated', targetType: 'role', targetId: id, metadata: { name: updated.name } },
        tx,
      );
      return updated;
    });
    return { ...role, builtIn: false, memberCount: await this.store.memberships.countWithRole(access.workspaceId, role.name) };
  }

  async deleteRole(access: WorkspaceAccess, id: string, actor: AuditActor): Promise<void> {
    // Checked and deleted under the workspace lock, so no grant of the role slips in between.
    await this.store.transaction(async (tx) => {
      await tx.memberships.lockWorkspace(access.workspaceId);
      await this.deleteUnusedRole(tx, access, id, actor);
    });
  }

  private async deleteUnusedRole(tx: SecurityStore, access: WorkspaceAccess, id: string, actor: AuditActor): Promise<void> {
    const role = await tx.roles.findById(access.workspaceId, id);
    if (!role) throw notFound('Role', id);
    // Keys and pending invitations hold the role too: deleting it and later re-creating the name
    // with more permissions must not silently widen them.
    const members = await tx.memberships.countWithRole(access.workspaceId, role.name);
    const keys = (await tx.apiKeys.list(access.workspaceId)).filter((k) => k.role === role.name && k.revokedAt === null).length;
    const invitations = (await tx.invitations.list(access.workspaceId)).filter(
      (i) => i.role === role.name && i.acceptedAt === null && i.revokedAt === null && Date.parse(i.expiresAt) > Date.now(),
    ).length;
    if (members + keys + invitations > 0) {
      throw new AppError(
        'role_in_use',
        `The role is held by ${members} member(s), ${keys} API key(s) and ${invitations} pending invitation(s); change or revoke them first`,
      );
    }
    await tx.roles.delete(access.workspaceId, id);
    await this.audit.record(
      access.workspaceId,
      actor,
      { action: 'role.deleted', targetType: 'role', targetId: id, metadata: { name: role.name } },
      tx,
    );
  }

  async createInvitation(
    access: WorkspaceAccess,
    principal: Principal,
    input: { email?: string | undefined; role: string; expiresInDays: number },
    actor: AuditActor,
  ): Promise<InvitationCreated> {
    await this.assertGrantable(access, input.role, 'role');
    const token = randomToken();
    const record = await this.store.transaction(async (tx) => {
      const inserted = await tx.invitations.insert({
        workspaceId: access.workspaceId,
        email: input.email ?? null,
        role: input.role,
        tokenHash: hashToken(token),
        createdBy: principal.userId,
        expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000),
      });
      await this.audit.record(
        access.workspaceId,
        actor,
        {
          action: 'invitation.created',
          targetType: 'invitation',
          targetId: inserted.id,
          metadata: { role: input.role, email: input.email ?? null },
        },
        tx,
      );
      return inserted;
    });
    return { ...toInvitation(record), token };
  }

  async listInvitations(access: WorkspaceAccess): Promise<Invitation[]> {
    return (await this.store.invitations.list(access.workspaceId)).map(toInvitation);
  }

  async revokeInvitation(access: WorkspaceAccess, id: string, actor: AuditActor): Promise<void> {
    await this.store.transaction(async (tx) => {
      if (!(await tx.invitations.revoke(access.workspaceId, id))) throw notFound('Invitation', id);
      await this.audit.record(
        access.workspaceId,
        actor,
        { action: 'invitation.revoked', targetType: 'invitation', targetId: id },
        tx,
      );
    });
  }

  /** A signed-in user joins the invitation's workspace. */
  async acceptInvitation(principal: Principal, token: string, actor: AuditActor): Promise<Workspace> {
    const invitation = await this.store.invitations.findByTokenHash(hashToken(token));
    const user = await this.store.users.findById(principal.userId);
    const usable =
      invitation &&
      user &&
      invitation.acceptedAt === null &&
      invitation.revokedAt === null &&
      Date.parse(invitation.expiresAt) > Date.now() &&
      (invitation.email === null || invitation.email === user.email);
    if (!usable)
      throw new AppError(
        'invitation_invalid',
        'The invitation is invalid, expired, already used, or meant for another email address',
      );
    if (await this.store.memberships.find(invitation.workspaceId, principal.userId)) {
      throw new AppError('invitation_invalid', 'You are already a member of this workspace');
    }
    return this.store.transaction(async (tx) => {
      if (!(await tx.invitations.markAccepted(invitation.id, principal.userId))) {
        throw new AppError('invitation_invalid', 'The invitation was used or revoked meanwhile');
      }
      await tx.memberships.insert({ workspaceId: invitation.workspaceId, userId: principal.userId, role: invitation.role });
      await this.audit.record(
        invitation.workspaceId,
        actor,
        { action: 'member.added', targetType: 'user', targetId: principal.userId, metadata: { role: invitation.role } },
        tx,
      );
      const membership = await tx.memberships.find(invitation.workspaceId, principal.userId);
      return {
        id: invitation.workspaceId,
        name: membership?.workspaceName ?? '',
        slug: membership?.workspaceSlug ?? '',
        createdAt: invitation.createdAt,
      };
    });
  }

  /** A role can be granted only if it exists, holds nothing the granter lacks, and is not owner unless the granter is. */
  async assertGrantable(access: WorkspaceAccess, role: string, path: string): Promise<void> {
    // Admins hold every permission too; what only owners may do is hand out ownership.
    if (role === 'owner' && access.role !== 'owner') throw new AppError('forbidden', 'Only an owner can grant the owner role');
    const permissions = await permissionsOfRole(this.store, access.workspaceId, role);
    if (!permissions) throw invalidField(path, `Unknown role "${role}"`);
    if (!isSubset(permissions, [...access.permissions])) {
      throw new AppError('forbidden', `You cannot grant the role "${role}": it holds permissions you lack`);
    }
  }

  private assertWithin(access: WorkspaceAccess, permissions: Permission[]): void {
    if (!isSubset(permissions, [...access.permissions])) {
      throw new AppError('forbidden', 'A role cannot hold permissions you lack');
    }
  }
}
