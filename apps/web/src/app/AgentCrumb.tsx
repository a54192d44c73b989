import { useAgent } from '../features/agents/api';

/** The agent's name once known; the detail page's query already fetches it, so this adds no request. */
export function AgentCrumb({ id }: { id: string }) {
  const { data } = useAgent(id);
  return <>{data?.name ?? 'Agent'}</>;
}
