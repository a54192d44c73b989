import { Bot } from 'lucide-react';
import { Link } from 'react-router';
import { useAgentLookup } from '../api';
import { agentIdOfTool } from '../agent-tools';

const chipClass = 'inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium ring-1 ring-inset';

/** The agents this one may ask, by name and linked; tools that are not agents are listed as they are. */
export function AgentToolList({ tools }: { tools: readonly string[] }) {
  const lookup = useAgentLookup(tools.flatMap((tool) => agentIdOfTool(tool) ?? []));
  return (
    <ul aria-label="Tools" className="flex flex-wrap gap-2">
      {tools.map((tool) => {
        const id = agentIdOfTool(tool);
        const found = id === null ? undefined : lookup.get(id);
        return (
          <li key={tool}>
            {found?.state === 'found' ? (
              <Link
                to={`/agents/${found.agent.id}`}
                className={`${chipClass} bg-indigo-50 text-indigo-700 ring-indigo-200 hover:bg-indigo-100`}
                title={`Can ask ${found.agent.name}`}
              >
                <Bot className="size-3.5" aria-hidden="true" />
                {found.agent.name}
              </Link>
            ) : (
              <span className={`${chipClass} bg-slate-50 text-slate-500 ring-slate-200`} title={tool}>
                {id === null ? (
                  <span className="font-mono">{tool}</span>
                ) : found?.state === 'deleted' ? (
                  'Deleted agent'
                ) : (
                  'Unknown agent'
                )}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
