import {
  DiffQuerySchema,
  LabelMoveSchema,
  PipelineCreateSchema,
  PipelineDetailSchema,
  PipelineDiffSchema,
  PipelineLabelParamsSchema,
  PipelineListQuerySchema,
  PipelineNameParamsSchema,
  PipelinePageSchema,
  PipelineSchema,
  PipelineSourceSchema,
  PipelineValidationSchema,
  PipelineVersionInputSchema,
  PipelineVersionListSchema,
  PipelineVersionParamsSchema,
  PipelineVersionSchema,
} from '@agent-fleet/contracts';
import type { PipelineService } from '@agent-fleet/core';
import { accessOf, defineRoute, principalOf, type Route } from '../../http/route.js';

const tags = ['Pipelines'];
const base = '/api/v1/pipelines';

/** The pipeline registry: definitions with immutable compiled versions, labels, diff and validation. */
export function pipelineRoutes(pipelines: PipelineService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: base,
      operationId: 'listPipelines',
      summary: 'List pipelines by name; filter by label and text',
      tags,
      permission: 'pipelines:read',
      request: { query: PipelineListQuerySchema },
      responses: { 200: { description: 'A page of pipelines', schema: PipelinePageSchema } },
      handler: async ({ query, workspaceId }) => ({ status: 200, body: await pipelines.list(workspaceId, query) }),
    }),
    defineRoute({
      method: 'post',
      path: base,
      operationId: 'createPipeline',
      summary: 'Create a pipeline with its version 1',
      description:
        'The definition is compiled first; an invalid one is refused (`validation_failed`) with every problem, its path, line and column, in `errors`.',
      tags,
      permission: 'pipelines:create',
      request: { body: PipelineCreateSchema },
      responses: { 201: { description: 'The pipeline', schema: PipelineDetailSchema } },
      errors: ['name_taken'],
      handler: async (context) => ({
        status: 201,
        body: await pipelines.create(context.workspaceId, context.body, principalOf(context).userId, context.actor),
      }),
    }),
    defineRoute({
      method: 'post',
      path: `${base}/validate`,
      operationId: 'validatePipeline',
      summary: 'Compile a draft: every problem with its path, line and column, and the step graph',
      description: 'Answers 200 whether or not the draft is valid; `valid` says which.',
      tags,
      permission: 'pipelines:read',
      request: { body: PipelineSourceSchema },
      responses: { 200: { description: 'The problems and the graph', schema: PipelineValidationSchema } },
      handler: async ({ body, workspaceId }) => ({ status: 200, body: await pipelines.validate(workspaceId, body) }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:name`,
      operationId: 'getPipeline',
      summary: 'A pipeline with its labels and newest version',
      tags,
      permission: 'pipelines:read',
      request: { params: PipelineNameParamsSchema },
      responses: { 200: { description: 'The pipeline', schema: PipelineDetailSchema } },
      errors: ['not_found'],
      handler: async ({ params, workspaceId }) => ({ status: 200, body: await pipelines.get(workspaceId, params.name) }),
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:name`,
      operationId: 'deletePipeline',
      summary: 'Delete a pipeline, its versions and past runs; refused while a run is queued or running',
      tags,
      permission: 'pipelines:delete',
      request: { params: PipelineNameParamsSchema },
      responses: { 204: { description: 'Deleted' } },
      errors: ['not_found', 'conflict'],
      handler: async ({ params, workspaceId, actor }) => {
        await pipelines.delete(workspaceId, params.name, actor);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:name/versions`,
      operationId: 'listPipelineVersions',
      summary: 'Version history, oldest first',
      tags,
      permission: 'pipelines:read',
      request: { params: PipelineNameParamsSchema },
      responses: { 200: { description: 'Versions', schema: PipelineVersionListSchema } },
      errors: ['not_found'],
      handler: async ({ params, workspaceId }) => ({
        status: 200,
        body: { items: await pipelines.listVersions(workspaceId, params.name) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: `${base}/:name/versions`,
      operationId: 'createPipelineVersion',
      summary: 'Save a new immutable version, compiled first; `latest` follows it',
      tags,
      permission: 'pipelines:update',
      request: { params: PipelineNameParamsSchema, body: PipelineVersionInputSchema },
      responses: { 201: { description: 'The pipeline with its new version', schema: PipelineDetailSchema } },
      errors: ['not_found'],
      handler: async (context) => ({
        status: 201,
        body: await pipelines.addVersion(
          context.workspaceId,
          context.params.name,
          context.body,
          principalOf(context).userId,
          context.actor,
        ),
      }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:name/versions/:selector`,
      operationId: 'getPipelineVersion',
      summary: 'One version, by number or label, with its source as written',
      tags,
      permission: 'pipelines:read',
      request: { params: PipelineVersionParamsSchema },
      responses: { 200: { description: 'The version', schema: PipelineVersionSchema } },
      errors: ['not_found'],
      handler: async ({ params, workspaceId }) => ({
        status: 200,
        body: await pipelines.version(workspaceId, params.name, params.selector),
      }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:name/diff`,
      operationId: 'diffPipelineVersions',
      summary: 'Line diff of two versions’ sources',
      tags,
      permission: 'pipelines:read',
      request: { params: PipelineNameParamsSchema, query: DiffQuerySchema },
      responses: { 200: { description: 'The diff', schema: PipelineDiffSchema } },
      errors: ['not_found'],
      handler: async ({ params, query, workspaceId }) => ({
        status: 200,
        body: await pipelines.diff(workspaceId, params.name, query.from, query.to),
      }),
    }),
    defineRoute({
      method: 'put',
      path: `${base}/:name/labels/:label`,
      operationId: 'movePipelineLabel',
      summary: 'Point a label at a version (rollback = move it back); `production` needs pipelines:manage',
      tags,
      permission: 'pipelines:update',
      request: { params: PipelineLabelParamsSchema, body: LabelMoveSchema },
      responses: { 200: { description: 'The pipeline with its labels', schema: PipelineSchema } },
      errors: ['forbidden', 'not_found'],
      handler: async (context) => ({
        status: 200,
        body: await pipelines.moveLabel(
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
      operationId: 'deletePipelineLabel',
      summary: 'Remove a label; `production` needs pipelines:manage',
      tags,
      permission: 'pipelines:update',
      request: { params: PipelineLabelParamsSchema },
      responses: { 204: { description: 'Removed' } },
      errors: ['forbidden', 'not_found'],
      handler: async (context) => {
        await pipelines.deleteLabel(accessOf(context), context.params.name, context.params.label, context.actor);
        return { status: 204 };
      },
    }),
  ];
}
