import type { Agent } from '@agent-fleet/contracts';
import { MessagesSquare, Pencil, Trash2 } from 'lucide-react';
import { Link, useNavigate } from 'react-router';
import { clsx } from 'clsx';
import { Button } from '../../../components/ui/Button';
import { buttonClasses } from '../../../components/ui/button-styles';
import { Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { formatDateTime, formatRelativeTime } from '../../../lib/format';
import { AgentAdminStateBadge } from './AgentAdminStateBadge';
import { AgentObservedStateBadge } from './AgentObservedStateBadge';
import { SkillTags } from './SkillTags';

export interface AgentsTableProps {
  agents: readonly Agent[];
  /** Dims the rows while a newer page or filter result loads. */
  stale?: boolean;
  /** Offers Edit on each row; false for roles that may not update agents. Default true. */
  canEdit?: boolean;
  /** Offers Delete on each row when present; absent for roles that may not delete agents. */
  onDelete?: (agent: Agent) => void;
  onSkillSelect: (skill: string) => void;
}

export function AgentsTable({ agents, stale = false, canEdit = true, onDelete, onSkillSelect }: AgentsTableProps) {
  const navigate = useNavigate();
  return (
    <Table aria-label="Agents" aria-busy={stale || undefined} className={clsx('transition-opacity', stale && 'opacity-60')}>
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Role</Th>
          <Th>State</Th>
          <Th>Skills</Th>
          <Th>Model</Th>
          <Th priority="optional">Updated</Th>
          <Th actions>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {agents.map((agent) => {
          const nameId = `agent-row-${agent.id}`;
          return (
            <Tr key={agent.id}>
              <Td className="max-w-60 min-w-44">
                {/* One block, so a phone's card shows the description under the name, not beside it. */}
                <div>
                  <Link
                    id={nameId}
                    to={`/agents/${agent.id}`}
                    className="font-medium text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    {agent.name}
                  </Link>
                  {agent.description && <p className="mt-0.5 truncate text-xs text-slate-500">{agent.description}</p>}
                </div>
              </Td>
              <Td truncate className="max-w-40">
                {agent.role || <span className="text-slate-400">—</span>}
              </Td>
              <Td>
                <span className="flex flex-wrap items-center gap-1">
                  <AgentObservedStateBadge state={agent.observedState} />
                  {agent.adminState !== 'active' && <AgentAdminStateBadge state={agent.adminState} />}
                </span>
              </Td>
              <Td className="min-w-40">
                <SkillTags skills={agent.skills} max={3} onSelect={onSkillSelect} />
              </Td>
              <Td className="max-w-44">
                <span className="block truncate font-mono text-xs text-slate-600">
                  <span className="text-slate-400">{agent.model.provider}/</span>
                  {agent.model.model}
                </span>
              </Td>
              <Td priority="optional" className="whitespace-nowrap text-slate-500">
                <time dateTime={agent.updatedAt} title={formatDateTime(agent.updatedAt)}>
                  {formatRelativeTime(agent.updatedAt)}
                </time>
              </Td>
              <Td actions className="w-px whitespace-nowrap">
                <div className="flex justify-end gap-0.5 opacity-100 transition-opacity sm:opacity-60 sm:group-hover/row:opacity-100 sm:focus-within:opacity-100">
                  {/* Everyone who can see the agent may read its conversations; sending needs agents:execute. */}
                  <Link
                    to={`/agents/${agent.id}/chat`}
                    className={buttonClasses('ghost', 'icon')}
                    aria-label="Chat"
                    aria-describedby={nameId}
                    title="Chat"
                  >
                    <MessagesSquare className="size-4" aria-hidden="true" />
                  </Link>
                  {canEdit && (
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label="Edit"
                      aria-describedby={nameId}
                      title="Edit"
                      onClick={() => void navigate(`/agents/${agent.id}/edit`)}
                    >
                      <Pencil className="size-4" aria-hidden="true" />
                    </Button>
                  )}
                  {onDelete && (
                    <Button
                      variant="danger-ghost"
                      size="icon"
                      aria-label="Delete"
                      aria-describedby={nameId}
                      title="Delete"
                      onClick={() => onDelete(agent)}
                    >
                      <Trash2 className="size-4" aria-hidden="true" />
                    </Button>
                  )}
                </div>
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
