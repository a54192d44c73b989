import { REALTIME_TICKET_PATH, WsTicketSchema } from '@agent-fleet/contracts';
import type { AccessService } from '@agent-fleet/core';
import { z } from 'zod';
import { defineRoute, principalOf, type Route } from '../../http/route.js';
import type { TicketStore } from '../../realtime/ticket-store.js';

/** The credential is kept with the ticket: the socket re-checks it while it lives. */
const TicketHeadersSchema = z.object({ authorization: z.string(), 'x-workspace-id': z.string().optional() });

/** The ticket a browser opens the WebSocket gateway with (it cannot send headers on a WebSocket). */
export function wsTicketRoutes(access: AccessService, tickets: TicketStore): Route[] {
  return [
    defineRoute({
      method: 'post',
      path: REALTIME_TICKET_PATH,
      operationId: 'createWsTicket',
      summary: 'A single-use ticket to open the realtime WebSocket',
      description:
        'Connect to `/api/v1/ws?ticket=…` within 30 seconds; the ticket works once and is bound to the caller and the workspace the request acts in (`X-Workspace-Id`, default the caller’s first). See docs/realtime.md.',
      tags: ['Realtime'],
      permission: 'authenticated',
      request: { headers: TicketHeadersSchema },
      responses: { 201: { description: 'The ticket', schema: WsTicketSchema } },
      errors: ['not_found'],
      handler: async (context) => {
        const principal = principalOf(context);
        const requested = context.headers['x-workspace-id'];
        const workspace = await access.resolveWorkspace(principal, requested === '' ? undefined : requested);
        const { ticket, expiresAt } = await tickets.issue({
          principal,
          workspaceId: workspace.workspaceId,
          authorization: context.headers.authorization,
        });
        return { status: 201, body: { ticket, expiresAt: expiresAt.toISOString() } };
      },
    }),
  ];
}
