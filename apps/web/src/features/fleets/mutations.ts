import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  addFleetMember,
  createFleet,
  deleteFleet,
  fleetKeys,
  removeFleetMember,
  setFleetAdminState,
  updateFleet,
  updateFleetMember,
} from './api';

/** Not awaited: the caller can move on while the lists and the fleet refresh. */
const refresh = (queryClient: QueryClient, id: string) => {
  void queryClient.invalidateQueries({ queryKey: fleetKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: fleetKeys.detail(id) });
};

export function useCreateFleet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createFleet,
    onSuccess: (fleet) => {
      queryClient.setQueryData(fleetKeys.detail(fleet.id), fleet);
      void queryClient.invalidateQueries({ queryKey: fleetKeys.lists() });
    },
  });
}

export function useUpdateFleet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateFleet,
    onSuccess: (fleet) => {
      queryClient.setQueryData(fleetKeys.detail(fleet.id), fleet);
      void queryClient.invalidateQueries({ queryKey: fleetKeys.lists() });
    },
  });
}

export function useSetFleetAdminState() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setFleetAdminState,
    onSuccess: (fleet) => {
      queryClient.setQueryData(fleetKeys.detail(fleet.id), fleet);
      void queryClient.invalidateQueries({ queryKey: fleetKeys.lists() });
    },
  });
}

export function useDeleteFleet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteFleet,
    onSuccess: (_result, { id }) => {
      // Only inactive: an open page would refetch a removed query and flash "not found" before it navigates away.
      queryClient.removeQueries({ queryKey: fleetKeys.detail(id), type: 'inactive' });
      void queryClient.invalidateQueries({ queryKey: fleetKeys.lists() });
    },
  });
}

/** Member changes move the fleet's version and member count: the fleet is read again. */
export function useAddFleetMember() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: addFleetMember, onSuccess: (_member, { id }) => refresh(queryClient, id) });
}

export function useUpdateFleetMember() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateFleetMember, onSuccess: (_member, { id }) => refresh(queryClient, id) });
}

export function useRemoveFleetMember() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: removeFleetMember, onSuccess: (_result, { id }) => refresh(queryClient, id) });
}
