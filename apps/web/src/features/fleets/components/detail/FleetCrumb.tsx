import { useFleet } from '../../queries';

/** The fleet's name once known; the fleet page's query already fetches it, so this adds no request. */
export function FleetCrumb({ id }: { id: string }) {
  const { data } = useFleet(id);
  return <>{data?.name ?? 'Fleet'}</>;
}
