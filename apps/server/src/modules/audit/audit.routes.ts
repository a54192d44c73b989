import { AuditEventPageSchema, AuditQuerySchema } from '@agent-fleet/contracts';
import type { AuditService } from '@agent-fleet/core';
import { accessOf, defineRoute, type Route } from '../../http/route.js';

export function auditRoutes(audit: AuditService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/audit-events',
      operationId: 'listAuditEvents',
      summary: 'The audit log, newest first; filter by action, actor and time range',
      tags: ['Audit'],
      permission: 'audit:read',
      request: { query: AuditQuerySchema },
      responses: {
        200: {
          description: 'A page of events',
          schema: AuditEventPageSchema,
        },
      },
      handler: async (context) => ({ status: 200, body: await audit.list(accessOf(context).workspaceId, context.query) }),
    }),
  ];
}
