import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { cancelRun, createRun, decideApproval, rerunRun, retryRun, runKeys } from './api';

/** Not awaited: the caller moves on while the lists and the run refresh. */
const refresh = (queryClient: QueryClient, id?: string) => {
  void queryClient.invalidateQueries({ queryKey: runKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: runKeys.approvals() });
  if (id) void queryClient.invalidateQueries({ queryKey: runKeys.detail(id) });
};

export function useCreateRun() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createRun, onSuccess: () => refresh(queryClient) });
}

export function useCancelRun() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: cancelRun, onSuccess: (run) => refresh(queryClient, run.id) });
}

export function useRetryRun() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: retryRun, onSuccess: (run) => refresh(queryClient, run.id) });
}

/** A re-run is a new run: the caller navigates to it. */
export function useRerunRun() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: rerunRun, onSuccess: () => refresh(queryClient) });
}

export function useDecideApproval() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideApproval,
    onSuccess: (detail) => {
      queryClient.setQueryData(runKeys.detail(detail.id), detail);
      refresh(queryClient, detail.id);
    },
  });
}
