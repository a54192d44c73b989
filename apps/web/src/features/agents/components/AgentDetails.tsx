import type { Agent } from '@agent-fleet/contracts';
import { MessagesSquare, Pencil, Trash2 } from 'lucide-react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { buttonClasses } from '../../../components/ui/button-styles';
import { Card } from '../../../components/ui/Card';
import { CopyButton } from '../../../components/ui/CopyButton';
import { DescriptionList } from '../../../components/ui/DescriptionList';
import { PageHeader } from '../../../components/ui/PageHeader';
import { formatDateTime, formatRelativeTime, formatUsd, pluralize } from '../../../lib/format';
import { AGENT_ADMIN_STATE_META, AGENT_OBSERVED_STATE_META } from '../agent-admin-state';
import { AgentAdminStateBadge } from './AgentAdminStateBadge';
import { AgentModelCard } from './AgentModelCard';
import { AgentMonitoring } from './AgentMonitoring';
import { AgentObservedStateBadge } from './AgentObservedStateBadge';
import { AgentPromptCard } from './AgentPromptCard';
import { AgentToolList } from './AgentToolList';
import { AgentLifecycleControls } from './lifecycle/AgentLifecycleControls';
import { AgentStateHistory } from './lifecycle/AgentStateHistory';
import { SkillTags } from './SkillTags';
import { AgentTaskHistory } from './tasks/AgentTaskHistory';

export interface AgentDetailsProps {
  agent: Agent;
  /** Absent for roles that may not update agents: no Edit button. */
  onEdit?: () => void;
  /** Absent for roles that may not delete agents. */
  onDelete?: () => void;
  /** Whether the role may pause, drain, disable and resume it (`agents:manage`); else the state is read-only. */
  canManage?: boolean;
}

function Timestamp({ value }: { value: string }) {
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      {formatRelativeTime(value)}
      <span className="block text-xs text-slate-500">{formatDateTime(value)}</span>
    </time>
  );
}

export function AgentDetails({ agent, onEdit, onDelete, canManage = false }: AgentDetailsProps) {
  const metadataEntries = Object.keys(agent.metadata).length;
  return (
    <>
      <title>{`${agent.name} · Agent Fleet`}</title>
      <PageHeader
        title={agent.name}
        meta={
          <span className="flex items-center gap-2">
            <AgentObservedStateBadge state={agent.observedState} />
            {agent.adminState !== 'active' && <AgentAdminStateBadge state={agent.adminState} />}
          </span>
        }
        description={agent.description || 'No description.'}
        actions={
          <>
            <Link
              to={`/agents/${agent.id}/chat`}
              className={buttonClasses('primary')}
              title="Talk to this agent, or read its conversations"
            >
              <MessagesSquare className="size-4" aria-hidden="true" />
              Chat
            </Link>
            {onEdit && (
              <Button onClick={onEdit} icon={<Pencil className="size-4" aria-hidden="true" />}>
                Edit
              </Button>
            )}
            {onDelete && (
              <Button
                onClick={onDelete}
                icon={<Trash2 className="size-4" aria-hidden="true" />}
                className="text-red-600 hover:bg-red-50 hover:text-red-700"
              >
                Delete
              </Button>
            )}
          </>
        }
      />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="flex min-w-0 flex-col gap-6 lg:col-span-2">
          <AgentModelCard model={agent.model} />
          <AgentPromptCard systemPrompt={agent.systemPrompt} />
          <Card title="Tools" description="Other agents of the workspace this one may ask while it works.">
            {agent.tools.length === 0 ? (
              <p className="text-sm text-slate-500">No tools: this agent answers on its own.</p>
            ) : (
              <AgentToolList tools={agent.tools} />
            )}
          </Card>
          <Card title="Metadata" description={metadataEntries === 0 ? undefined : pluralize(metadataEntries, 'top-level key')}>
            {metadataEntries === 0 ? (
              <p className="text-sm text-slate-500">No metadata.</p>
            ) : (
              <pre className="overflow-x-auto rounded-lg bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-100">
                {JSON.stringify(agent.metadata, null, 2)}
              </pre>
            )}
          </Card>
        </div>

        <div className="flex flex-col gap-6">
          <Card title="Lifecycle" description={AGENT_ADMIN_STATE_META[agent.adminState].description}>
            <div className="flex flex-col items-start gap-3">
              <p className="flex items-center gap-2 text-sm text-slate-700">
                <AgentAdminStateBadge state={agent.adminState} />
                <span title={AGENT_OBSERVED_STATE_META[agent.observedState].description}>
                  Observed: {AGENT_OBSERVED_STATE_META[agent.observedState].label.toLowerCase()}
                </span>
              </p>
              {canManage ? (
                <AgentLifecycleControls agent={agent} />
              ) : (
                <p className="text-xs text-slate-500">Your role can view this agent but not pause, drain or disable it.</p>
              )}
            </div>
          </Card>
          <AgentStateHistory agentId={agent.id} />
          <Card title="Details">
            <DescriptionList
              items={[
                { label: 'Role', value: agent.role },
                { label: 'Skills', value: agent.skills.length > 0 ? <SkillTags skills={agent.skills} /> : '' },
                {
                  label: 'ID',
                  value: (
                    <span className="flex items-center gap-1">
                      <span className="truncate font-mono text-xs" title={agent.id}>
                        {agent.id}
                      </span>
                      <CopyButton value={agent.id} label="Copy ID" />
                    </span>
                  ),
                },
                { label: 'Version', value: <span className="font-mono">v{agent.version}</span> },
                { label: 'Created', value: <Timestamp value={agent.createdAt} /> },
                { label: 'Updated', value: <Timestamp value={agent.updatedAt} /> },
              ]}
            />
          </Card>
          <Card title="Limits">
            <DescriptionList
              items={[
                { label: 'Max iterations', value: agent.limits.maxIterations },
                {
                  label: 'Max cost per task',
                  value: agent.limits.maxCostPerTaskUsd === null ? 'No cap' : formatUsd(agent.limits.maxCostPerTaskUsd),
                },
              ]}
            />
          </Card>
        </div>
      </div>

      <div className="mt-6">
        <AgentTaskHistory agentId={agent.id} />
      </div>
      <div className="mt-6">
        <AgentMonitoring agentId={agent.id} />
      </div>
    </>
  );
}
