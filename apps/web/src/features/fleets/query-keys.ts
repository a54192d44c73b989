import type { FleetListParams } from './list-params';

/** Query keys. A fleet's members come with it, so one invalidation of `detail(id)` refreshes the page. Alone in this file, so the live cache (lib/realtime) imports them without the API. */
export const fleetKeys = {
  all: ['fleets'] as const,
  lists: () => [...fleetKeys.all, 'list'] as const,
  list: (params: FleetListParams) => [...fleetKeys.lists(), params] as const,
  detail: (id: string) => [...fleetKeys.all, 'detail', id] as const,
};
