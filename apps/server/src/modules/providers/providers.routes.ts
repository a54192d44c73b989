import {
  ModelInfoSchema,
  ModelListQuerySchema,
  ModelListSchema,
  ModelPriceOverrideSchema,
  ModelRefQuerySchema,
  ProviderListSchema,
  ProviderParamsSchema,
  ProviderSchema,
  ProviderTestResultSchema,
  ProviderUpsertSchema,
} from '@agent-fleet/contracts';
import type { ModelService, ProviderService } from '@agent-fleet/core';
import { defineRoute, type Route } from '../../http/route.js';

const tags = ['Providers and models'];

export function providerRoutes(providers: ProviderService, models: ModelService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/providers',
      operationId: 'listProviders',
      permission: 'settings:read',
      summary: 'List LLM providers',
      description:
        'The built-in mock provider, providers set in the server environment, and this workspace’s own. Keys are never returned.',
      tags,
      responses: { 200: { description: 'The providers', schema: ProviderListSchema } },
      handler: async ({ workspaceId }) => ({ status: 200, body: { items: await providers.list(workspaceId) } }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/providers/:id',
      operationId: 'upsertProvider',
      permission: 'settings:manage',
      summary: 'Set a provider’s base URL and API key for this workspace',
      description:
        '`apiKey` is write-only and stored encrypted (AES-256-GCM): omit it to keep the stored key, send null to remove it. A stored key stays with the origin it was entered for: moving `baseUrl` to another origin without sending `apiKey` is a 400 (`errors[].code` `api_key_required`).',
      tags,
      request: { params: ProviderParamsSchema, body: ProviderUpsertSchema },
      responses: { 200: { description: 'The provider', schema: ProviderSchema } },
      handler: async ({ params, body, workspaceId, actor }) => ({
        status: 200,
        body: await providers.upsert(workspaceId, params.id, body, actor),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/providers/:id',
      operationId: 'deleteProvider',
      permission: 'settings:manage',
      summary: 'Remove this workspace’s settings for a provider',
      description: 'Environment and built-in providers stay available.',
      tags,
      request: { params: ProviderParamsSchema },
      responses: { 204: { description: 'Removed' } },
      errors: ['not_found'],
      handler: async ({ params, workspaceId, actor }) => {
        await providers.delete(workspaceId, params.id, actor);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/providers/:id/test',
      operationId: 'testProvider',
      permission: 'settings:manage',
      summary: 'Test the connection to a provider',
      description:
        'Lists the provider’s models with the stored credentials. A failure is reported in the body, not as an HTTP error.',
      tags,
      request: { params: ProviderParamsSchema },
      responses: { 200: { description: 'The outcome', schema: ProviderTestResultSchema } },
      handler: async ({ params, workspaceId }) => ({ status: 200, body: await providers.test(workspaceId, params.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/models',
      operationId: 'listModels',
      permission: 'agents:read',
      summary: 'List models with context windows and prices',
      description: 'The shipped catalogue merged with this workspace’s overrides. Prices are USD per million tokens.',
      tags,
      request: { query: ModelListQuerySchema },
      responses: { 200: { description: 'The models', schema: ModelListSchema } },
      handler: async ({ query, workspaceId }) => ({
        status: 200,
        body: { items: await models.list(workspaceId, query.provider) },
      }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/model-prices',
      operationId: 'overrideModelPrices',
      permission: 'settings:manage',
      summary: 'Override (or add) a model’s prices for this workspace',
      tags,
      request: { body: ModelPriceOverrideSchema },
      responses: { 200: { description: 'The model as now priced', schema: ModelInfoSchema } },
      handler: async ({ body, workspaceId, actor }) => ({ status: 200, body: await models.override(workspaceId, body, actor) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/model-prices',
      operationId: 'resetModelPrices',
      permission: 'settings:manage',
      summary: 'Remove a price override (back to the catalogue)',
      tags,
      request: { query: ModelRefQuerySchema },
      responses: { 204: { description: 'Removed' } },
      errors: ['not_found'],
      handler: async ({ query, workspaceId, actor }) => {
        await models.reset(workspaceId, query.provider, query.model, actor);
        return { status: 204 };
      },
    }),
  ];
}
