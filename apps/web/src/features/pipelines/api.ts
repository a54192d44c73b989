import type { PipelineCreate, PipelineSource, PipelineVersionInput } from '@agent-fleet/contracts';
import { api } from '../../lib/api-client';
import type { PipelineListParams } from './list-params';

/** Query keys. Everything about one pipeline sits under `detail(name)`, so one invalidation refreshes it all. */
export const pipelineKeys = {
  all: ['pipelines'] as const,
  lists: () => [...pipelineKeys.all, 'list'] as const,
  list: (params: PipelineListParams) => [...pipelineKeys.lists(), params] as const,
  detail: (name: string) => [...pipelineKeys.all, 'detail', name] as const,
  versions: (name: string) => [...pipelineKeys.detail(name), 'versions'] as const,
  version: (name: string, version: number) => [...pipelineKeys.detail(name), 'version', version] as const,
  diff: (name: string, from: number, to: number) => [...pipelineKeys.detail(name), 'diff', from, to] as const,
  validation: (source: PipelineSource) => [...pipelineKeys.all, 'validate', source] as const,
};

export const fetchPipelines = (params: PipelineListParams, signal?: AbortSignal) =>
  api('listPipelines', { query: { q: params.q, limit: params.limit, cursor: params.cursor }, signal });

export const fetchPipeline = (name: string, signal?: AbortSignal) => api('getPipeline', { params: { name }, signal });

export const fetchPipelineVersions = (name: string, signal?: AbortSignal) =>
  api('listPipelineVersions', { params: { name }, signal });

export const fetchPipelineVersion = (name: string, version: number, signal?: AbortSignal) =>
  api('getPipelineVersion', { params: { name, selector: String(version) }, signal });

export const fetchPipelineDiff = (name: string, from: number, to: number, signal?: AbortSignal) =>
  api('diffPipelineVersions', { params: { name }, query: { from, to }, signal });

export const validatePipeline = (body: PipelineSource, signal?: AbortSignal) => api('validatePipeline', { body, signal });

export const createPipeline = (body: PipelineCreate) => api('createPipeline', { body });

export interface SavePipelineVersionVariables {
  name: string;
  input: PipelineVersionInput;
}

export const savePipelineVersion = ({ name, input }: SavePipelineVersionVariables) =>
  api('createPipelineVersion', { params: { name }, body: input });

export const deletePipeline = (name: string) => api('deletePipeline', { params: { name } });

export interface PipelineLabelVariables {
  name: string;
  label: string;
}

export const movePipelineLabel = ({ name, label, version }: PipelineLabelVariables & { version: number }) =>
  api('movePipelineLabel', { params: { name, label }, body: { version } });

export const deletePipelineLabel = ({ name, label }: PipelineLabelVariables) =>
  api('deletePipelineLabel', { params: { name, label } });
