import type { PipelineSource } from '@agent-fleet/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  fetchPipeline,
  fetchPipelineDiff,
  fetchPipelines,
  fetchPipelineVersion,
  fetchPipelineVersions,
  pipelineKeys,
  validatePipeline,
} from './api';
import type { PipelineListParams } from './list-params';

/** One page of pipelines. The previous page stays on screen while the next one loads. */
export function usePipelines(params: PipelineListParams) {
  return useQuery({
    queryKey: pipelineKeys.list(params),
    queryFn: ({ signal }) => fetchPipelines(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePipeline(name: string) {
  return useQuery({ queryKey: pipelineKeys.detail(name), queryFn: ({ signal }) => fetchPipeline(name, signal) });
}

/** The version history, oldest first as the API returns it. */
export function usePipelineVersions(name: string) {
  return useQuery({
    queryKey: pipelineKeys.versions(name),
    queryFn: async ({ signal }) => (await fetchPipelineVersions(name, signal)).items,
  });
}

/** One version's source; disabled until a version is chosen. */
export function usePipelineVersion(name: string, version: number | null) {
  return useQuery({
    queryKey: pipelineKeys.version(name, version ?? 0),
    queryFn: ({ signal }) => fetchPipelineVersion(name, version ?? 0, signal),
    enabled: version !== null,
  });
}

/** The diff of two versions; disabled until both are chosen and differ. */
export function usePipelineDiff(name: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: pipelineKeys.diff(name, from ?? 0, to ?? 0),
    queryFn: ({ signal }) => fetchPipelineDiff(name, from ?? 0, to ?? 0, signal),
    enabled: from !== null && to !== null && from !== to,
    placeholderData: keepPreviousData,
  });
}

/**
 * The compiler's verdict on a draft, with the text it judged (`source`), so markers are only placed on
 * that text. The previous verdict stays while the next is computed: the graph does not flicker as the
 * user types.
 */
export function usePipelineValidation(source: PipelineSource | null) {
  return useQuery({
    queryKey: pipelineKeys.validation(source ?? { format: 'yaml', source: '' }),
    queryFn: async ({ signal }) => {
      const draft = source ?? { format: 'yaml' as const, source: '' };
      return { source: draft.source, ...(await validatePipeline(draft, signal)) };
    },
    enabled: source !== null,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
