import { Link, Outlet, useParams } from 'react-router';
import { usePermission } from '../../auth/usePermission';
import { useAgent } from '../../agents/api';
import { AgentQueryBoundary } from '../../agents/components/AgentQueryBoundary';
import { AgentAdminStateBadge } from '../../agents/components/AgentAdminStateBadge';
import { AgentObservedStateBadge } from '../../agents/components/AgentObservedStateBadge';
import type { ChatOutletContext } from '../hooks/useChatOutlet';
import { ConversationList } from './ConversationList';

/** An agent's conversations beside the open one; the routes below render the open conversation. */
export function ChatPage() {
  const { id = '' } = useParams();
  const query = useAgent(id);
  const canExecute = usePermission('agents:execute');

  return (
    <AgentQueryBoundary query={query}>
      {(agent) => (
        <>
          <title>{`Chat · ${agent.name} · Agent Fleet`}</title>
          <div className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900">{agent.name}</h1>
            <AgentObservedStateBadge state={agent.observedState} />
            {agent.adminState !== 'active' && <AgentAdminStateBadge state={agent.adminState} />}
            <span className="font-mono text-xs text-slate-500">
              {agent.model.provider}/{agent.model.model}
            </span>
            <Link to={`/agents/${agent.id}`} className="ml-auto text-sm font-medium text-indigo-600 hover:text-indigo-500">
              Agent details
            </Link>
          </div>
          {/* Fills the viewport below the top bar, so the messages scroll and the composer stays in view. */}
          <div className="flex h-[calc(100dvh-12rem)] min-h-[30rem] flex-col overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200 lg:flex-row">
            <ConversationList agent={agent} canExecute={canExecute} />
            <div className="flex min-h-0 min-w-0 flex-1 flex-col">
              <Outlet context={{ agent, canExecute } satisfies ChatOutletContext} />
            </div>
          </div>
        </>
      )}
    </AgentQueryBoundary>
  );
}
