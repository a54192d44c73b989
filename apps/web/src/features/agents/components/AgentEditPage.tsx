import { useParams } from 'react-router';
import { useAgent } from '../api';
import { AgentEditor } from './AgentEditor';
import { AgentQueryBoundary } from './AgentQueryBoundary';

export function AgentEditPage() {
  const { id = '' } = useParams();
  const query = useAgent(id);
  const reload = async () => (await query.refetch()).data;

  return (
    <div className="mx-auto max-w-5xl">
      <AgentQueryBoundary query={query}>
        {(agent) => <AgentEditor key={agent.id} latest={agent} onReload={reload} />}
      </AgentQueryBoundary>
    </div>
  );
}
