import type { EndpointResponse, PromptTemplate } from '@agent-fleet/contracts';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  createPrompt,
  deletePrompt,
  deletePromptLabel,
  movePromptLabel,
  promptKeys,
  savePromptVersion,
  updatePrompt,
} from './api';

/** Folds a changed template (labels, metadata) into the cached detail without dropping its version. */
const mergeTemplate = (queryClient: QueryClient, template: PromptTemplate) =>
  queryClient.setQueryData<EndpointResponse<'getPrompt'>>(promptKeys.detail(template.name), (detail) =>
    detail ? { ...detail, ...template } : detail,
  );

/** Not awaited: the caller can move on while lists and the template's other views refresh. */
const refresh = (queryClient: QueryClient, name: string) => {
  void queryClient.invalidateQueries({ queryKey: promptKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: promptKeys.detail(name) });
};

export function useCreatePrompt() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPrompt,
    onSuccess: (detail) => {
      queryClient.setQueryData(promptKeys.detail(detail.name), detail);
      void queryClient.invalidateQueries({ queryKey: promptKeys.lists() });
    },
  });
}

export function useSavePromptVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: savePromptVersion,
    onSuccess: (detail) => {
      queryClient.setQueryData(promptKeys.detail(detail.name), detail);
      refresh(queryClient, detail.name);
    },
  });
}

export function useUpdatePrompt() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePrompt,
    onSuccess: (template) => {
      mergeTemplate(queryClient, template);
      void queryClient.invalidateQueries({ queryKey: promptKeys.lists() });
    },
  });
}

export function useDeletePrompt() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePrompt,
    onSuccess: (_result, name) => {
      // Only inactive: the open page would refetch a removed query and flash "not found" before it navigates away.
      queryClient.removeQueries({ queryKey: promptKeys.detail(name), type: 'inactive' });
      void queryClient.invalidateQueries({ queryKey: promptKeys.lists() });
    },
    // A refusal (in use) may mean the usage list on screen is outdated.
    onError: (_error, name) => void queryClient.invalidateQueries({ queryKey: promptKeys.usage(name) }),
  });
}

export function useMovePromptLabel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: movePromptLabel,
    onSuccess: (template) => {
      mergeTemplate(queryClient, template);
      refresh(queryClient, template.name);
    },
  });
}

export function useDeletePromptLabel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePromptLabel,
    onSuccess: (_result, { name, label }) => {
      queryClient.setQueryData<EndpointResponse<'getPrompt'>>(promptKeys.detail(name), (detail) => {
        if (!detail) return detail;
        return { ...detail, labels: Object.fromEntries(Object.entries(detail.labels).filter(([name]) => name !== label)) };
      });
      refresh(queryClient, name);
    },
  });
}
