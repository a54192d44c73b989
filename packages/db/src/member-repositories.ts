import type { Member, Permission } from '@agent-fleet/contracts';
import {
  AppError,
  type CustomRoleRecord,
  type MembershipRepository,
  type RoleRepository,
  type UserRecord,
  type UserRepository,
} from '@agent-fleet/core';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { isUniqueViolation } from './pg-errors.js';
import { memberships, roles, users, workspaces } from './schema.js';

const toUser = (row: typeof users.$inferSelect): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  passwordHash: row.passwordHash,
  createdAt: row.createdAt.toISOString(),
});

/** An arbitrary constant: the transaction-scoped lock that serialises first-run sign-ups. */
const SIGNUP_LOCK = 7_245_003;

export class DrizzleUserRepository implements UserRepository {
  constructor(private readonly db: Database) {}

  async count(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(users);
    return row?.n ?? 0;
  }

  async findById(id: string): Promise<UserRecord | null> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row ? toUser(row) : null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`);
    return row ? toUser(row) : null;
  }

  async insert(user: { email: string; name: string; passwordHash: string }): Promise<UserRecord> {
    try {
      const rows = await this.db.insert(users).values(user).returning();
      return toUser(rows[0] as typeof users.$inferSelect);
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) {
        throw new AppError('email_taken', 'This email address is already registered; sign in instead', {
          cause: error,
          errors: [{ path: 'email', message: 'This email address is already registered', code: 'email_taken' }],
        });
      }
      throw error;
    }
  }

  async updateName(id: string, name: string): Promise<UserRecord> {
    const rows = await this.db
      .update(users)
      .set({ name, updatedAt: sql`now()` })
      .where(eq(users.id, id))
      .returning();
    return toUser(rows[0] as typeof users.$inferSelect);
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(users.id, id));
  }

  async lockForSignup(): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(${SIGNUP_LOCK})`);
  }
}

export class DrizzleMembershipRepository implements MembershipRepository {
  constructor(private readonly db: Database) {}

  async listForUser(userId: string) {
    const rows = await this.db
      .select({
        workspaceId: memberships.workspaceId,
        workspaceName: workspaces.name,
        workspaceSlug: workspaces.slug,
        userId: memberships.userId,
        role: memberships.role,
        active: memberships.active,
      })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(memberships.createdAt), asc(memberships.workspaceId));
    return rows;
  }

  async find(workspaceId: string, userId: string) {
    const rows = await this.listForUser(userId);
    return rows.find((row) => row.workspaceId === workspaceId) ?? null;
  }

  async listMembers(workspaceId: string): Promise<Member[]> {
    const rows = await this.db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: memberships.role,
        active: memberships.active,
        joinedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(memberships.createdAt), asc(users.id));
    return rows.map((row) => ({ ...row, joinedAt: row.joinedAt.toISOString() }));
  }

  async insert(membership: { workspaceId: string; userId: string; role: string }): Promise<void> {
    await this.db.insert(memberships).values(membership);
  }

  async update(workspaceId: string, userId: string, changes: { role?: string; active?: boolean }): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.db
      .update(memberships)
      .set(changes)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  }

  async delete(workspaceId: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .returning({ userId: memberships.userId });
    return rows.length > 0;
  }

  async countActive(workspaceId: string, role: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, role), eq(memberships.active, true)));
    return row?.n ?? 0;
  }

  async lockWorkspace(workspaceId: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtext(${workspaceId}))`);
  }

  async countWithRole(workspaceId: string, role: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, role)));
    return row?.n ?? 0;
  }
}

const toRole = (row: typeof roles.$inferSelect): CustomRoleRecord => ({
  id: row.id,
  name: row.name,
  description: row.description,
  permissions: row.permissions as Permission[],
});

export class DrizzleRoleRepository implements RoleRepository {
  constructor(private readonly db: Database) {}

  async list(workspaceId: string): Promise<CustomRoleRecord[]> {
    return (await this.db.select().from(roles).where(eq(roles.workspaceId, workspaceId)).orderBy(asc(roles.name))).map(toRole);
  }

  async findByName(workspaceId: string, name: string): Promise<CustomRoleRecord | null> {
    const [row] = await this.db
      .select()
      .from(roles)
      .where(and(eq(roles.workspaceId, workspaceId), eq(roles.name, name)));
    return row ? toRole(row) : null;
  }

  async findById(workspaceId: string, id: string): Promise<CustomRoleRecord | null> {
    const [row] = await this.db
      .select()
      .from(roles)
      .where(and(eq(roles.workspaceId, workspaceId), eq(roles.id, id)));
    return row ? toRole(row) : null;
  }

  async insert(workspaceId: string, role: Omit<CustomRoleRecord, 'id'>): Promise<CustomRoleRecord> {
    try {
      const rows = await this.db
        .insert(roles)
        .values({ ...role, workspaceId })
        .returning();
      return toRole(rows[0] as typeof roles.$inferSelect);
    } catch (error) {
      if (isUniqueViolation(error, 'roles_workspace_name_key')) {
        throw new AppError('name_taken', `A role named "${role.name}" already exists`, {
          cause: error,
          errors: [{ path: 'name', message: 'This name is already used by another role', code: 'name_taken' }],
        });
      }
      throw error;
    }
  }

  async update(workspaceId: string, id: string, changes: Partial<Pick<CustomRoleRecord, 'description' | 'permissions'>>) {
    const rows = await this.db
      .update(roles)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(and(eq(roles.workspaceId, workspaceId), eq(roles.id, id)))
      .returning();
    return rows[0] ? toRole(rows[0]) : null;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(roles)
      .where(and(eq(roles.workspaceId, workspaceId), eq(roles.id, id)))
      .returning({ id: roles.id });
    return rows.length > 0;
  }
}
