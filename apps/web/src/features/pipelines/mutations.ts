import type { EndpointResponse } from '@agent-fleet/contracts';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createPipeline, deletePipeline, deletePipelineLabel, movePipelineLabel, pipelineKeys, savePipelineVersion } from './api';

/** Not awaited: the caller can move on while lists and the pipeline's other views refresh. */
const refresh = (queryClient: QueryClient, name: string) => {
  void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: pipelineKeys.detail(name) });
};

export function useCreatePipeline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPipeline,
    onSuccess: (detail) => {
      queryClient.setQueryData(pipelineKeys.detail(detail.name), detail);
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() });
    },
  });
}

export function useSavePipelineVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: savePipelineVersion,
    onSuccess: (detail) => {
      queryClient.setQueryData(pipelineKeys.detail(detail.name), detail);
      refresh(queryClient, detail.name);
    },
  });
}

export function useDeletePipeline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePipeline,
    onSuccess: (_result, name) => {
      // Only inactive: an open page would refetch a removed query and flash "not found" before it navigates away.
      queryClient.removeQueries({ queryKey: pipelineKeys.detail(name), type: 'inactive' });
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() });
    },
  });
}

export function useMovePipelineLabel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: movePipelineLabel,
    onSuccess: (pipeline) => {
      queryClient.setQueryData<EndpointResponse<'getPipeline'>>(pipelineKeys.detail(pipeline.name), (detail) =>
        detail ? { ...detail, ...pipeline } : detail,
      );
      refresh(queryClient, pipeline.name);
    },
  });
}

export function useDeletePipelineLabel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePipelineLabel,
    onSuccess: (_result, { name, label }) => {
      queryClient.setQueryData<EndpointResponse<'getPipeline'>>(pipelineKeys.detail(name), (detail) =>
        detail
          ? { ...detail, labels: Object.fromEntries(Object.entries(detail.labels).filter(([key]) => key !== label)) }
          : detail,
      );
      refresh(queryClient, name);
    },
  });
}
