import { useCursorListParams, type CursorListNavigation } from '../../../lib/useCursorListParams';
import { parseFleetListParams, toFleetSearchParams, type FleetFilterPatch, type FleetListParams } from '../list-params';

/** The list's search, filter and cursor pagination, held in the URL. */
export const useFleetListParams = (): CursorListNavigation<FleetListParams, FleetFilterPatch> =>
  useCursorListParams<FleetListParams, FleetFilterPatch>(parseFleetListParams, toFleetSearchParams);
