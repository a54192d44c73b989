import type { AuditAction, AuditEvent, AuditQuery } from '@agent-fleet/contracts';
import { decodeCursor, pageAfter } from '../cursor.js';
import type { Principal } from './access-service.js';
import type { SecurityStore } from './store.js';

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

/** Records security-relevant actions and lets admins browse them. */
export class AuditService {
  constructor(private readonly store: SecurityStore) {}

  async record(workspaceId: string, actor: AuditActor, entry: AuditEntry, store: SecurityStore = this.store): Promise<void> {
    const principal = actor.principal;
    await store.audit.insert({
      workspaceId,
      action: entry.action,
      actorType: principal ? principal.kind : 'anonymous',
      actorId: principal ? (principal.apiKeyId ?? principal.userId) : null,
      actorLabel: principal?.label ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      metadata: entry.metadata ?? {},
      ip: actor.ip,
    });
  }

  async list(workspaceId: string, query: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
    const { cursor, ...filters } = query;
    const after = cursor === undefined ? undefined : decodeCursor(cursor, 'audit', 'timestamp');
    const events = await this.store.audit.list(workspaceId, { ...filters, ...(after ? { after } : {}) });
    return pageAfter(events, query.limit, 'audit', (event) => event.createdAt);
  }
}
