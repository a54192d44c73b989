import type { AuditEvent, AuditQuery } from '@agent-fleet/contracts';
import {
  retryingTransaction,
  type AuditEventInput,
  type AuditRepository,
  type CursorPosition,
  type SecurityStore,
  type WorkspaceRepository,
} from '@agent-fleet/core';
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { DrizzleApiKeyRepository, DrizzleInvitationRepository, DrizzleSessionRepository } from './credential-repositories.js';
import type { Database } from './database.js';
import { DrizzleMembershipRepository, DrizzleRoleRepository, DrizzleUserRepository } from './member-repositories.js';
import { auditEvents, workspaces } from './schema.js';

class DrizzleWorkspaceRepository implements WorkspaceRepository {
  constructor(private readonly db: Database) {}

  async insert(workspace: { name: string; slug: string }) {
    const rows = await this.db.insert(workspaces).values(workspace).returning();
    const row = rows[0] as typeof workspaces.$inferSelect;
    return { id: row.id, name: row.name, slug: row.slug, createdAt: row.createdAt.toISOString() };
  }
}

export class DrizzleAuditRepository implements AuditRepository {
  constructor(private readonly db: Database) {}

  async insert(event: AuditEventInput): Promise<void> {
    await this.db.insert(auditEvents).values(event);
  }

  async list(workspaceId: string, query: Omit<AuditQuery, 'cursor'> & { after?: CursorPosition }): Promise<AuditEvent[]> {
    const filters: SQL[] = [eq(auditEvents.workspaceId, workspaceId)];
    if (query.action) filters.push(eq(auditEvents.action, query.action));
    if (query.actorId) filters.push(eq(auditEvents.actorId, query.actorId));
    if (query.from) filters.push(gte(auditEvents.createdAt, new Date(query.from)));
    if (query.to) filters.push(lte(auditEvents.createdAt, new Date(query.to)));
    if (query.after) {
      filters.push(
        sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (${query.after.value}::timestamptz, ${query.after.id}::uuid)`,
      );
    }
    const rows = await this.db
      .select()
      .from(auditEvents)
      .where(and(...filters))
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(query.limit + 1);
    return rows.map(({ workspaceId: _w, ...row }) => ({ ...row, createdAt: row.createdAt.toISOString() }));
  }
}

/** The security repositories over one database or transaction. */
export class DrizzleSecurityStore implements SecurityStore {
  readonly users: DrizzleUserRepository;
  readonly memberships: DrizzleMembershipRepository;
  readonly roles: DrizzleRoleRepository;
  readonly sessions: DrizzleSessionRepository;
  readonly apiKeys: DrizzleApiKeyRepository;
  readonly invitations: DrizzleInvitationRepository;
  readonly workspaces: DrizzleWorkspaceRepository;
  readonly audit: DrizzleAuditRepository;

  constructor(private readonly db: Database) {
    this.users = new DrizzleUserRepository(db);
    this.memberships = new DrizzleMembershipRepository(db);
    this.roles = new DrizzleRoleRepository(db);
    this.sessions = new DrizzleSessionRepository(db);
    this.apiKeys = new DrizzleApiKeyRepository(db);
    this.invitations = new DrizzleInvitationRepository(db);
    this.workspaces = new DrizzleWorkspaceRepository(db);
    this.audit = new DrizzleAuditRepository(db);
  }

  transaction<T>(fn: (store: SecurityStore) => Promise<T>): Promise<T> {
    return retryingTransaction(() => this.db.transaction((tx) => fn(new DrizzleSecurityStore(tx as unknown as Database))));
  }
}
