import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cancelFleetTask, fleetTaskKeys, submitFleetTask } from './task-api';

/** Not awaited: the dialog closes while the fleet's task lists and open details refresh. */
export function useSubmitFleetTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitFleetTask,
    onSuccess: (_task, { fleetId }) => void queryClient.invalidateQueries({ queryKey: fleetTaskKeys.all(fleetId) }),
  });
}

export function useCancelFleetTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelFleetTask,
    onSuccess: (_task, { fleetId }) => void queryClient.invalidateQueries({ queryKey: fleetTaskKeys.all(fleetId) }),
  });
}
