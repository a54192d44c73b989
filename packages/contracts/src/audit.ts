import { z } from 'zod';
import { TextSchema } from './text.js';
import { TimestampSchema } from './timestamp.js';
import { CursorSchema, PageLimitSchema } from './pagination.js';

export const AUDIT_ACTIONS = [
  'auth.signup',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'auth.refresh_reused',
  'workspace.created',
  'member.added',
  'member.removed',
  'member.role_changed',
  'member.deactivated',
  'member.reactivated',
  'invitation.created',
  'invitation.revoked',
  'role.created',
  'role.updated',
  'role.deleted',
  'api_key.created',
  'api_key.revoked',
  'agent.deleted',
  'agent.admin_state_changed',
  'provider.updated',
  'provider.deleted',
  'conversation.deleted',
  'prompt.deleted',
  'prompt.label_moved',
  'prompt.label_deleted',
  'pipeline.created',
  'pipeline.version_created',
  'pipeline.label_moved',
  'pipeline.label_deleted',
  'pipeline.deleted',
  'fleet.created',
  'fleet.updated',
  'fleet.deleted',
  'fleet.admin_state_changed',
  'fleet.member_added',
  'fleet.member_updated',
  'fleet.member_removed',
  'model_price.updated',
  'model_price.deleted',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEventSchema = z
  .object({
    id: z.uuid(),
    action: AuditActionSchema,
    actorType: z.enum(['user', 'api_key', 'anonymous']),
    actorId: z.string().nullable(),
    actorLabel: z.string().nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** The audit log pages by cursor only: it grows without bound, so it is never counted. */
export const AuditEventPageSchema = z
  .object({ items: z.array(AuditEventSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditEventPage' });

export const AuditQuerySchema = z.strictObject({
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
  action: AuditActionSchema.optional(),
  actorId: TextSchema.max(100).optional(),
  from: TimestampSchema.optional(),
  to: TimestampSchema.optional(),
});
export type AuditQuery = z.output<typeof AuditQuerySchema>;
