import {
  InvitationAcceptSchema,
  InvitationCreatedSchema,
  InvitationCreateSchema,
  InvitationListSchema,
  IdParamsSchema,
  MemberListSchema,
  MemberSchema,
  MemberUpdateSchema,
  RoleCreateSchema,
  RoleListSchema,
  RoleSchema,
  RoleUpdateSchema,
  UserIdParamsSchema,
  WorkspaceSchema,
} from '@agent-fleet/contracts';
import type { MemberService } from '@agent-fleet/core';
import { accessOf, defineRoute, principalOf, userPrincipalOf, type Route } from '../../http/route.js';

export function memberRoutes(members: MemberService): Route[] {
  const tags = ['Members'];
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/members',
      operationId: 'listMembers',
      summary: 'Members of the workspace',
      tags,
      permission: 'members:read',
      responses: { 200: { description: 'Members', schema: MemberListSchema } },
      handler: async (context) => ({ status: 200, body: { items: await members.listMembers(accessOf(context)) } }),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/members/:userId',
      operationId: 'updateMember',
      summary: "Change a member's role, or deactivate/reactivate them",
      tags,
      permission: 'members:manage',
      request: { params: UserIdParamsSchema, body: MemberUpdateSchema },
      responses: {
        200: { description: 'The member', schema: MemberSchema },
      },
      errors: ['forbidden', 'not_found', 'last_owner'],
      handler: async (context) => ({
        status: 200,
        body: await members.updateMember(accessOf(context), context.params.userId, context.body, context.actor),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/members/:userId',
      operationId: 'removeMember',
      summary: 'Remove a member from the workspace',
      tags,
      permission: 'members:manage',
      request: { params: UserIdParamsSchema },
      responses: {
        204: { description: 'Removed' },
      },
      errors: ['not_found', 'last_owner'],
      handler: async (context) => {
        await members.removeMember(accessOf(context), context.params.userId, context.actor);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/invitations',
      operationId: 'listInvitations',
      summary: 'Invitations of the workspace',
      tags,
      permission: 'members:manage',
      responses: { 200: { description: 'Invitations, newest first', schema: InvitationListSchema } },
      handler: async (context) => ({ status: 200, body: { items: await members.listInvitations(accessOf(context)) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/invitations',
      operationId: 'createInvitation',
      summary: 'Invite someone with a role; the token is shown once',
      tags,
      permission: 'members:manage',
      request: { body: InvitationCreateSchema },
      responses: { 201: { description: 'The invitation and its token', schema: InvitationCreatedSchema } },
      handler: async (context) => ({
        status: 201,
        body: await members.createInvitation(accessOf(context), principalOf(context), context.body, context.actor),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/invitations/:id',
      operationId: 'revokeInvitation',
      summary: 'Revoke a pending invitation',
      tags,
      permission: 'members:manage',
      request: { params: IdParamsSchema },
      responses: { 204: { description: 'Revoked' } },
      errors: ['not_found'],
      handler: async (context) => {
        await members.revokeInvitation(accessOf(context), context.params.id, context.actor);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/invitations/accept',
      operationId: 'acceptInvitation',
      summary: 'Join a workspace with an invitation token (for users who already have an account)',
      tags,
      permission: 'authenticated',
      request: { body: InvitationAcceptSchema },
      responses: {
        200: { description: 'The joined workspace', schema: WorkspaceSchema },
      },
      errors: ['invitation_invalid'],
      handler: async (context) => ({
        status: 200,
        body: await members.acceptInvitation(userPrincipalOf(context), context.body.token, context.actor),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/roles',
      operationId: 'listRoles',
      summary: 'Built-in and custom roles with their permissions, and every permission',
      tags: ['Roles'],
      permission: 'members:read',
      responses: { 200: { description: 'Roles and the permission list', schema: RoleListSchema } },
      handler: async (context) => ({ status: 200, body: await members.listRoles(accessOf(context)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/roles',
      operationId: 'createRole',
      summary: 'Define a custom role (no permission you lack)',
      tags: ['Roles'],
      permission: 'members:manage',
      request: { body: RoleCreateSchema },
      responses: { 201: { description: 'The role', schema: RoleSchema } },
      errors: ['name_taken'],
      handler: async (context) => ({
        status: 201,
        body: await members.createRole(accessOf(context), context.body, context.actor),
      }),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/roles/:id',
      operationId: 'updateRole',
      summary: 'Change a custom role',
      tags: ['Roles'],
      permission: 'members:manage',
      request: { params: IdParamsSchema, body: RoleUpdateSchema },
      responses: { 200: { description: 'The role', schema: RoleSchema } },
      errors: ['not_found'],
      handler: async (context) => ({
        status: 200,
        body: await members.updateRole(accessOf(context), context.params.id, context.body, context.actor),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/roles/:id',
      operationId: 'deleteRole',
      summary: 'Delete a custom role nobody holds',
      tags: ['Roles'],
      permission: 'members:manage',
      request: { params: IdParamsSchema },
      responses: {
        204: { description: 'Deleted' },
      },
      errors: ['not_found', 'role_in_use'],
      handler: async (context) => {
        await members.deleteRole(accessOf(context), context.params.id, context.actor);
        return { status: 204 };
      },
    }),
  ];
}
