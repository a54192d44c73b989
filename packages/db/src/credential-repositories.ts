import type {
  ApiKeyRecord,
  ApiKeyRepository,
  InvitationRecord,
  InvitationRepository,
  RefreshTokenRecord,
  SessionRepository,
} from '@agent-fleet/core';
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { apiKeys, invitations, refreshTokens, sessions } from './schema.js';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export class DrizzleSessionRepository implements SessionRepository {
  constructor(private readonly db: Database) {}

  async create(userId: string, expiresAt: Date, tokenHash: string): Promise<string> {
    const [session] = await this.db.insert(sessions).values({ userId, expiresAt }).returning({ id: sessions.id });
    const sessionId = (session as { id: string }).id;
    await this.db.insert(refreshTokens).values({ sessionId, tokenHash });
    return sessionId;
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const [row] = await this.db
      .select({
        tokenId: refreshTokens.id,
        sessionId: sessions.id,
        userId: sessions.userId,
        usedAt: refreshTokens.usedAt,
        revokedAt: sessions.revokedAt,
        expiresAt: sessions.expiresAt,
      })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .where(eq(refreshTokens.tokenHash, tokenHash));
    if (!row) return null;
    return {
      tokenId: row.tokenId,
      sessionId: row.sessionId,
      userId: row.userId,
      usedAt: iso(row.usedAt),
      sessionRevoked: row.revokedAt !== null,
      sessionExpiresAt: row.expiresAt.toISOString(),
    };
  }

  async rotate(tokenId: string, sessionId: string, nextTokenHash: string): Promise<boolean> {
    // The conditional update is the race guard: of two concurrent refreshes, one sees used_at set.
    const claimed = await this.db
      .update(refreshTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(refreshTokens.id, tokenId), isNull(refreshTokens.usedAt)))
      .returning({ id: refreshTokens.id });
    if (claimed.length === 0) return false;
    await this.db.insert(refreshTokens).values({ sessionId, tokenHash: nextTokenHash });
    return true;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  }

  async revokeAllForUser(userId: string, exceptSessionId?: string): Promise<void> {
    const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
    if (exceptSessionId) conditions.push(ne(sessions.id, exceptSessionId));
    await this.db
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(...conditions));
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(
        and(
          eq(sessions.id, sessionId),
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, sql`now()`),
        ),
      );
    return rows.length > 0;
  }
}

const toApiKey = (row: typeof apiKeys.$inferSelect): ApiKeyRecord => ({
  id: row.id,
  workspaceId: row.workspaceId,
  name: row.name,
  prefix: row.prefix,
  secretHash: row.secretHash,
  role: row.role,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  expiresAt: iso(row.expiresAt),
  lastUsedAt: iso(row.lastUsedAt),
  revokedAt: iso(row.revokedAt),
});

export class DrizzleApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly db: Database) {}

  async insert(key: Omit<ApiKeyRecord, 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiKeyRecord> {
    const rows = await this.db
      .insert(apiKeys)
      .values({ ...key, expiresAt: key.expiresAt ? new Date(key.expiresAt) : null })
      .returning();
    return toApiKey(rows[0] as typeof apiKeys.$inferSelect);
  }

  async list(workspaceId: string, createdBy?: string): Promise<ApiKeyRecord[]> {
    const conditions = [eq(apiKeys.workspaceId, workspaceId)];
    if (createdBy) conditions.push(eq(apiKeys.createdBy, createdBy));
    const rows = await this.db
      .select()
      .from(apiKeys)
      .where(and(...conditions))
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
    return rows.map(toApiKey);
  }

  async findById(workspaceId: string, id: string): Promise<ApiKeyRecord | null> {
    const [row] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)));
    return row ? toApiKey(row) : null;
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRecord | null> {
    const [row] = await this.db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
    return row ? toApiKey(row) : null;
  }

  async revoke(workspaceId: string, id: string): Promise<void> {
    await this.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  }

  async touch(id: string): Promise<void> {
    await this.db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiKeys.id, id));
  }
}

const toInvitation = (row: typeof invitations.$inferSelect): InvitationRecord => ({
  id: row.id,
  workspaceId: row.workspaceId,
  email: row.email,
  role: row.role,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  acceptedAt: iso(row.acceptedAt),
  revokedAt: iso(row.revokedAt),
});

export class DrizzleInvitationRepository implements InvitationRepository {
  constructor(private readonly db: Database) {}

  async insert(invitation: {
    workspaceId: string;
    email: string | null;
    role: string;
    tokenHash: string;
    createdBy: string;
    expiresAt: Date;
  }) {
    const rows = await this.db.insert(invitations).values(invitation).returning();
    return toInvitation(rows[0] as typeof invitations.$inferSelect);
  }

  async list(workspaceId: string): Promise<InvitationRecord[]> {
    const rows = await this.db
      .select()
      .from(invitations)
      .where(eq(invitations.workspaceId, workspaceId))
      .orderBy(desc(invitations.createdAt), desc(invitations.id));
    return rows.map(toInvitation);
  }

  async findByTokenHash(tokenHash: string): Promise<InvitationRecord | null> {
    const [row] = await this.db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
    return row ? toInvitation(row) : null;
  }

  async markAccepted(id: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .update(invitations)
      .set({ acceptedAt: sql`now()`, acceptedBy: userId })
      .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    return rows.length > 0;
  }

  async revoke(workspaceId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(invitations.workspaceId, workspaceId),
          eq(invitations.id, id),
          isNull(invitations.revokedAt),
          isNull(invitations.acceptedAt),
        ),
      )
      .returning({ id: invitations.id });
    return rows.length > 0;
  }
}
