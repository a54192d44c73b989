import { Link } from 'react-router';

export interface TaskAgentsProps {
  agentIds: readonly string[];
  /** Member names by agent id; an agent that left the fleet since shows as "Former member". */
  names: ReadonlyMap<string, string>;
}

/** The agent(s) a task went to, each linked to its page; a dash while nobody has it. */
export function TaskAgents({ agentIds, names }: TaskAgentsProps) {
  if (agentIds.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-x-2 gap-y-0.5">
      {agentIds.map((agentId) => (
        <Link
          key={agentId}
          to={`/agents/${agentId}`}
          className="font-medium break-words text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {names.get(agentId) ?? 'Former member'}
        </Link>
      ))}
    </span>
  );
}
