import { LabelMoveSchema } from '../prompts.js';
import {
  PipelineCreateSchema,
  PipelineDetailSchema,
  PipelineDiffSchema,
  PipelinePageSchema,
  PipelineSchema,
  PipelineSourceSchema,
  PipelineValidationSchema,
  PipelineVersionInputSchema,
  PipelineVersionListSchema,
  PipelineVersionSchema,
} from '../pipelines/registry.js';

/** The schemas of the pipeline registry's operations (see table.ts). */
export const PIPELINE_SCHEMAS = {
  listPipelines: { response: PipelinePageSchema },
  createPipeline: { body: PipelineCreateSchema, response: PipelineDetailSchema },
  validatePipeline: { body: PipelineSourceSchema, response: PipelineValidationSchema },
  getPipeline: { response: PipelineDetailSchema },
  deletePipeline: {},
  listPipelineVersions: { response: PipelineVersionListSchema },
  createPipelineVersion: { body: PipelineVersionInputSchema, response: PipelineDetailSchema },
  getPipelineVersion: { response: PipelineVersionSchema },
  diffPipelineVersions: { response: PipelineDiffSchema },
  movePipelineLabel: { body: LabelMoveSchema, response: PipelineSchema },
  deletePipelineLabel: {},
} as const;
