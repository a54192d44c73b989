import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchFleet, fetchFleets, fleetKeys } from './api';
import type { FleetListParams } from './list-params';

/** One page of fleets. The previous page stays on screen while the next one loads. */
export function useFleets(params: FleetListParams) {
  return useQuery({
    queryKey: fleetKeys.list(params),
    queryFn: ({ signal }) => fetchFleets(params, signal),
    placeholderData: keepPreviousData,
  });
}

/** A fleet with its members. */
export function useFleet(id: string) {
  return useQuery({ queryKey: fleetKeys.detail(id), queryFn: ({ signal }) => fetchFleet(id, signal) });
}
