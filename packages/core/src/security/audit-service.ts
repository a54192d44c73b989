import type { AuditAction, AuditEvent, AuditQuery } from '@agent-fleet/contracts';
import { decodeCursor, pageAfter } from '../cursor.js';
import type { Principal } from './access-service.js';
import type { AuditEventInput, AuditRepository, SecurityStore } from './store.js';

/** Who did something, and from where, for the audit log. */
export interface AuditActor {
  principal: Principal | null;
  ip: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
}

/** The audit row for an action: who did it (user, API key or nobody signed in), from where, to what. */
export function auditEvent(workspaceId: string, actor: AuditActor, entry: AuditEntry): AuditEventInput {
  const principal = actor.principal;
  return {
    workspaceId,
    action: entry.action,
    actorType: principal ? principal.kind : 'anonymous',
    actorId: principal ? (principal.apiKeyId ?? principal.userId) : null,
    actorLabel: principal?.label ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    metadata: entry.metadata ?? {},
    ip: actor.ip,
  };
}

/** Records security-relevant actions and lets admins browse them. */
export class AuditService {
  constructor(private readonly store: SecurityStore) {}

  /**
   * Writes the event through `store`: pass the transaction's store (or repositories) so the event
   * commits with the change it records, never without it.
   */
  async record(
    workspaceId: string,
    actor: AuditActor,
    entry: AuditEntry,
    store: { audit: AuditRepository } = this.store,
  ): Promise<void> {
    await store.audit.insert(auditEvent(workspaceId, actor, entry));
  }

  async list(workspaceId: string, query: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
    const { cursor, ...filters } = query;
    const after = cursor === undefined ? undefined : decodeCursor(cursor, 'audit', 'timestamp');
    const events = await this.store.audit.list(workspaceId, { ...filters, ...(after ? { after } : {}) });
    return pageAfter(events, query.limit, 'audit', (event) => event.createdAt);
  }
}
