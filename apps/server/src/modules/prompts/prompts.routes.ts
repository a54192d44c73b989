import {
  AnalyzeRequestSchema,
  DiagnosticSchema,
  DiffQuerySchema,
  LabelMoveSchema,
  PreviewRequestSchema,
  PromptCreateSchema,
  PromptDetailSchema,
  PromptExportSchema,
  PromptImportResultSchema,
  PromptImportSchema,
  PromptLabelParamsSchema,
  PromptListQuerySchema,
  PromptNameParamsSchema,
  PromptPageSchema,
  PromptTemplateSchema,
  PromptUpdateSchema,
  PromptUsageSchema,
  PromptVersionParamsSchema,
  PromptVersionSchema,
  RenderRequestSchema,
  RenderResultSchema,
  VersionDiffSchema,
  VersionInputSchema,
} from '@agent-fleet/contracts';
import type { PromptService, PromptTransfer } from '@agent-fleet/core';
import { z } from 'zod';
import { accessOf, defineRoute, principalOf, type Route } from '../../http/route.js';

const tags = ['Prompts'];
const base = '/api/v1/prompts';
const NOT_FOUND = { description: 'No such template (or version) in this workspace' };

export function promptRoutes(prompts: PromptService, transfer: PromptTransfer): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: base,
      operationId: 'listPrompts',
      summary: 'List prompt templates by name; filter by category folder, tag, label and text',
      tags,
      permission: 'prompts:read',
      request: { query: PromptListQuerySchema },
      responses: { 200: { description: 'A page of templates', schema: PromptPageSchema } },
      handler: async ({ query, workspaceId }) => ({ status: 200, body: await prompts.list(workspaceId, query) }),
    }),
    defineRoute({
      method: 'post',
      path: base,
      operationId: 'createPrompt',
      summary: 'Create a template with its version 1',
      description:
        'The template is analysed first: errors (`template_invalid`) block the save, warnings come back in `diagnostics`.',
      tags,
      permission: 'prompts:create',
      request: { body: PromptCreateSchema },
      responses: { 201: { description: 'The template', schema: PromptDetailSchema }, 409: { description: 'Name taken' } },
      handler: async (context) => ({
        status: 201,
        body: await prompts.create(context.workspaceId, context.body, principalOf(context).userId),
      }),
    }),
    defineRoute({
      method: 'post',
      path: `${base}/analyze`,
      operationId: 'analyzePrompt',
      summary: 'Analyse a draft: syntax errors, undeclared and unused variables, unresolved includes',
      tags,
      permission: 'prompts:read',
      request: { body: AnalyzeRequestSchema },
      responses: {
        200: {
          description: 'Diagnostics with line and column',
          schema: z.object({ diagnostics: z.array(DiagnosticSchema) }).meta({ id: 'Diagnostics' }),
        },
      },
      handler: async ({ body, workspaceId }) => ({
        status: 200,
        body: { diagnostics: await prompts.analyze(workspaceId, body) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: `${base}/preview`,
      operationId: 'previewPrompt',
      summary: 'Render an unsaved draft with variables',
      tags,
      permission: 'prompts:read',
      request: { body: PreviewRequestSchema },
      responses: { 200: { description: 'The rendered output', schema: RenderResultSchema } },
      handler: async ({ body, workspaceId }) => ({ status: 200, body: await prompts.preview(workspaceId, body) }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/export`,
      operationId: 'exportPrompts',
      summary: 'Every template version as `.prompt` files',
      tags,
      permission: 'prompts:read',
      responses: { 200: { description: 'The files', schema: PromptExportSchema } },
      handler: async ({ workspaceId }) => ({ status: 200, body: { files: await transfer.export(workspaceId) } }),
    }),
    defineRoute({
      method: 'post',
      path: `${base}/import`,
      operationId: 'importPrompts',
      summary: 'Import `.prompt` files; versions are created only where content changed',
      tags,
      permission: 'prompts:create',
      request: { body: PromptImportSchema },
      responses: { 200: { description: 'What was created, unchanged and labelled', schema: PromptImportResultSchema } },
      handler: async (context) => ({
        status: 200,
        body: await transfer.import(accessOf(context), context.body.files, principalOf(context).userId, context.actor),
      }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:name`,
      operationId: 'getPrompt',
      summary: 'A template with its labels, newest version and its diagnostics',
      tags,
      permission: 'prompts:read',
      request: { params: PromptNameParamsSchema },
      responses: { 200: { description: 'The template', schema: PromptDetailSchema }, 404: NOT_FOUND },
      handler: async ({ params, workspaceId }) => ({ status: 200, body: await prompts.get(workspaceId, params.name) }),
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:name`,
      operationId: 'updatePrompt',
      summary: 'Change category, tags or description (no new version)',
      tags,
      permission: 'prompts:update',
      request: { params: PromptNameParamsSchema, body: PromptUpdateSchema },
      responses: { 200: { description: 'The template', schema: PromptTemplateSchema }, 404: NOT_FOUND },
      handler: async ({ params, body, workspaceId }) => ({
        status: 200,
        body: await prompts.updateMetadata(workspaceId, params.name, body),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:name`,
      operationId: 'deletePrompt',
      summary: 'Delete a template and its versions; refused while agents use it',
      tags,
      permission: 'prompts:delete',
      request: { params: PromptNameParamsSchema },
      responses: { 204: { description: 'Deleted' }, 404: NOT_FOUND, 409: { description: 'In use (`prompt_in_use`)' } },
      handler: async ({ params, workspaceId, actor }) => {
        await prompts.delete(workspaceId, params.name, actor);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:name/versions`,
      operationId: 'listPromptVersions',
      summary: 'Version history, oldest first',
      tags,
      permission: 'prompts:read',
      request: { params: PromptNameParamsSchema },
      responses: {
        200: {
          description: 'Versions',
          schema: z.object({ items: z.array(PromptVersionSchema) }).meta({ id: 'PromptVersionList' }),
        },
        404: NOT_FOUND,
      },
      handler: async ({ params, workspaceId }) => ({
        status: 200,
        body: { items: await prompts.listVersions(workspaceId, params.name) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: `${base}/:name/versions`,
      operationId: 'createPromptVersion',
      summary: 'Save a new immutable version; `latest` follows it',
      tags,
      permission: 'prompts:update',
      request: { params: PromptNameParamsSchema, body: VersionInputSchema },
      responses: { 201: { description: 'The template with its new version', schema: PromptDetailSchema }, 404: NOT_FOUND },
      handler: async (context) => ({
        status: 201,
        body: await prompts.addVersion(context.workspaceId, context.params.name, context.body, principalOf(context).userId),
      }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:name/versions/:selector`,
      operationId: 'getPromptVersion',
      summary: 'One version, by number or label',
      tags,
      permission: 'prompts:read',
      request: { params: PromptVersionParamsSchema },
      responses: { 200: { description: 'The version', schema: PromptVersionSchema }, 404: NOT_FOUND },
      handler: async ({ params, workspaceId }) => ({
        status: 200,
        body: await prompts.version(workspaceId, params.name, params.selector),
      }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:name/diff`,
      operationId: 'diffPromptVersions',
      summary: 'Line diff of two versions: body, variables and config',
      tags,
      permission: 'prompts:read',
      request: { params: PromptNameParamsSchema, query: DiffQuerySchema },
      responses: { 200: { description: 'The diff', schema: VersionDiffSchema }, 404: NOT_FOUND },
      handler: async ({ params, query, workspaceId }) => ({
        status: 200,
        body: await prompts.diff(workspaceId, params.name, query.from, query.to),
      }),
    }),
    defineRoute({
      method: 'put',
      path: `${base}/:name/labels/:label`,
      operationId: 'movePromptLabel',
      summary: 'Point a label at a version (rollback = move it back); `production` needs prompts:manage',
      tags,
      permission: 'prompts:update',
      request: { params: PromptLabelParamsSchema, body: LabelMoveSchema },
      responses: {
        200: { description: 'The template with its labels', schema: PromptTemplateSchema },
        403: { description: 'Protected label' },
      },
      handler: async (context) => ({
        status: 200,
        body: await prompts.moveLabel(
          accessOf(context),
          context.params.name,
          context.params.label,
          context.body.version,
          context.actor,
        ),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:name/labels/:label`,
      operationId: 'deletePromptLabel',
      summary: 'Remove a label',
      tags,
      permission: 'prompts:update',
      request: { params: PromptLabelParamsSchema },
      responses: { 204: { description: 'Removed' }, 403: { description: 'Protected label' }, 404: NOT_FOUND },
      handler: async (context) => {
        await prompts.deleteLabel(accessOf(context), context.params.name, context.params.label, context.actor);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${base}/:name/render`,
      operationId: 'renderPrompt',
      summary: 'Render a version (by label or number) with variables; returns includes used and a token estimate',
      tags,
      permission: 'prompts:read',
      request: { params: PromptNameParamsSchema, body: RenderRequestSchema },
      responses: {
        200: { description: 'The rendered output', schema: RenderResultSchema },
        400: { description: 'Missing or ill-typed variables, each listed' },
        404: NOT_FOUND,
      },
      handler: async ({ params, body, workspaceId }) => ({
        status: 200,
        body: await prompts.render(workspaceId, params.name, body.selector ?? 'latest', body.variables),
      }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:name/usage`,
      operationId: 'promptUsage',
      summary: 'Where the template is used: agents (and later pipelines), with the reference',
      tags,
      permission: 'prompts:read',
      request: { params: PromptNameParamsSchema },
      responses: { 200: { description: 'The users of the template', schema: PromptUsageSchema }, 404: NOT_FOUND },
      handler: async ({ params, workspaceId }) => {
        await prompts.get(workspaceId, params.name);
        return { status: 200, body: { items: await prompts.usage(workspaceId, params.name) } };
      },
    }),
  ];
}
