import {
  FleetAdminStateChangeSchema,
  FleetCreateSchema,
  FleetDetailSchema,
  FleetListQuerySchema,
  FleetMemberCreateSchema,
  FleetMemberListSchema,
  FleetMemberParamsSchema,
  FleetMemberSchema,
  FleetMemberUpdateSchema,
  FleetPageSchema,
  FleetUpdateSchema,
  IdParamsSchema,
} from '@agent-fleet/contracts';
import type { FleetService } from '@agent-fleet/core';
import { etag } from '../../http/etag.js';
import { defineResource } from '../../http/resource.js';
import { defineRoute, type Route } from '../../http/route.js';

const tags = ['Fleets'];
const base = '/api/v1/fleets';
const readiness =
  'A fleet that is not paused must have the members its strategy needs (`manager`: exactly one manager; `broadcast` combined by `aggregator`: an aggregator); a change that breaks this is a 409 `conflict` naming what is missing.';

/** The fleet registry: fleets, their members and their admin state. */
export function fleetRoutes(fleets: FleetService): Route[] {
  return [
    ...defineResource({
      path: base,
      names: { one: 'fleet', many: 'fleets' },
      tags,
      schema: FleetDetailSchema,
      version: (fleet) => fleet.version,
      list: {
        permission: 'fleets:read',
        summary: 'List fleets by name',
        description:
          'Cursor-paginated; filter by admin state (comma-separated) and by a substring `q` of the name or description.',
        query: FleetListQuerySchema,
        page: FleetPageSchema,
        run: ({ query, workspaceId }) => fleets.list(workspaceId, query),
      },
      create: {
        permission: 'fleets:create',
        summary: 'Create a fleet',
        description: `Without members. ${readiness}`,
        body: FleetCreateSchema,
        errors: ['name_taken', 'conflict'],
        run: ({ body, workspaceId, actor }) => fleets.create(workspaceId, body, actor),
      },
      get: {
        permission: 'fleets:read',
        summary: 'Get a fleet with its members',
        run: ({ params, workspaceId }) => fleets.get(workspaceId, params.id),
      },
      update: {
        permission: 'fleets:update',
        summary: 'Update a fleet',
        description: `Fields present replace their stored values; \`limits\` fields present replace theirs. Send \`If-Match: "<version>"\` (412 when stale) or \`version\` in the body (409 when stale). ${readiness}`,
        body: FleetUpdateSchema,
        errors: ['version_conflict', 'name_taken', 'conflict'],
        run: ({ params, body, workspaceId, actor }, check) => fleets.update(workspaceId, params.id, body, actor, check),
      },
      delete: {
        permission: 'fleets:delete',
        summary: 'Delete a fleet',
        description: 'Its memberships go with it; the agents stay. Optionally conditional on `If-Match`.',
        run: ({ params, workspaceId, actor }, check) => fleets.delete(workspaceId, params.id, actor, check),
      },
    }),
    defineRoute({
      method: 'put',
      path: `${base}/:id/admin-state`,
      operationId: 'setFleetAdminState',
      summary: 'Pause, drain or resume a fleet',
      description: `\`paused\` takes no new work, \`draining\` finishes what it has and then pauses, \`active\` takes work. ${readiness}`,
      tags,
      permission: 'fleets:manage',
      request: { params: IdParamsSchema, body: FleetAdminStateChangeSchema },
      responses: {
        200: { description: 'The fleet', schema: FleetDetailSchema, headers: { ETag: 'The fleet version, for If-Match' } },
      },
      errors: ['not_found', 'conflict'],
      handler: async ({ params, body, workspaceId, actor }) => {
        const fleet = await fleets.setAdminState(workspaceId, params.id, body, actor);
        return { status: 200, body: fleet, headers: { ETag: etag(fleet.version) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:id/members`,
      operationId: 'listFleetMembers',
      summary: "A fleet's members, oldest first",
      tags,
      permission: 'fleets:read',
      cache: true,
      request: { params: IdParamsSchema },
      responses: { 200: { description: 'The members', schema: FleetMemberListSchema } },
      errors: ['not_found'],
      handler: async ({ params, workspaceId }) => ({ status: 200, body: await fleets.listMembers(workspaceId, params.id) }),
    }),
    defineRoute({
      method: 'post',
      path: `${base}/:id/members`,
      operationId: 'addFleetMember',
      summary: 'Add an agent to a fleet',
      description: `An agent may belong to several fleets, once each. \`allowedDelegates\` name other members of the fleet. The fleet's version moves. ${readiness}`,
      tags,
      permission: 'fleets:update',
      request: { params: IdParamsSchema, body: FleetMemberCreateSchema },
      responses: { 201: { description: 'The member', schema: FleetMemberSchema } },
      errors: ['not_found', 'conflict'],
      handler: async ({ params, body, workspaceId, actor }) => ({
        status: 201,
        body: await fleets.addMember(workspaceId, params.id, body, actor),
      }),
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:id/members/:agentId`,
      operationId: 'updateFleetMember',
      summary: "Change a member's role, weight, capacity, skills or delegates",
      description: `Fields present replace their stored values. The fleet's version moves. ${readiness}`,
      tags,
      permission: 'fleets:update',
      request: { params: FleetMemberParamsSchema, body: FleetMemberUpdateSchema },
      responses: { 200: { description: 'The member', schema: FleetMemberSchema } },
      errors: ['not_found', 'conflict'],
      handler: async ({ params, body, workspaceId, actor }) => ({
        status: 200,
        body: await fleets.updateMember(workspaceId, params.id, params.agentId, body, actor),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:id/members/:agentId`,
      operationId: 'removeFleetMember',
      summary: 'Remove an agent from a fleet',
      description: `The agent stays, and leaves the other members' \`allowedDelegates\`. The fleet's version moves. ${readiness}`,
      tags,
      permission: 'fleets:update',
      request: { params: FleetMemberParamsSchema },
      responses: { 204: { description: 'Removed' } },
      errors: ['not_found', 'conflict'],
      handler: async ({ params, workspaceId, actor }) => {
        await fleets.removeMember(workspaceId, params.id, params.agentId, actor);
        return { status: 204 };
      },
    }),
  ];
}
