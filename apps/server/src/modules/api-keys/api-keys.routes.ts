import { ApiKeyCreatedSchema, ApiKeyCreateSchema, ApiKeyListSchema, IdParamsSchema } from '@agent-fleet/contracts';
import type { ApiKeyService } from '@agent-fleet/core';
import { accessOf, defineRoute, principalOf, userPrincipalOf, type Route } from '../../http/route.js';

export function apiKeyRoutes(keys: ApiKeyService): Route[] {
  const tags = ['API keys'];
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/api-keys',
      operationId: 'listApiKeys',
      summary: 'Your API keys (all of the workspace with api-keys:manage)',
      tags,
      permission: 'api-keys:read',
      responses: {
        200: {
          description: 'Keys, newest first; secrets never',
          schema: ApiKeyListSchema,
        },
      },
      handler: async (context) => ({ status: 200, body: { items: await keys.list(accessOf(context), principalOf(context)) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/api-keys',
      operationId: 'createApiKey',
      summary: 'Create an API key with a role no higher than yours; the key is shown once',
      tags,
      permission: 'api-keys:create',
      request: { body: ApiKeyCreateSchema },
      responses: {
        201: { description: 'The key, with its secret this once', schema: ApiKeyCreatedSchema },
      },
      errors: ['forbidden'],
      handler: async (context) => ({
        status: 201,
        // Keys are made by people: a key minting keys could outlive its own revocation.
        body: await keys.create(accessOf(context), userPrincipalOf(context), context.body, context.actor),
        headers: { 'Cache-Control': 'no-store' },
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/api-keys/:id',
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key',
      tags,
      permission: 'api-keys:delete',
      request: { params: IdParamsSchema },
      responses: { 204: { description: 'Revoked' } },
      errors: ['not_found'],
      handler: async (context) => {
        await keys.revoke(accessOf(context), userPrincipalOf(context), context.params.id, context.actor);
        return { status: 204 };
      },
    }),
  ];
}
