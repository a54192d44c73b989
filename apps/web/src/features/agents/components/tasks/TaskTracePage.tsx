import type { AgentTask } from '@agent-fleet/contracts';
import { Link, useParams } from 'react-router';
import { Card } from '../../../../components/ui/Card';
import { DescriptionList } from '../../../../components/ui/DescriptionList';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { Skeleton } from '../../../../components/ui/Skeleton';
import { formatCost, formatDateTime, formatNumber, pluralize } from '../../../../lib/format';
import { prettyJson } from '../../../../lib/json';
import { usePermission } from '../../../auth/usePermission';
import { useUsageCalls } from '../../../usage/api';
import { CallsTable } from '../../../usage/components/CallsTable';
import { useAgent, useAgentTask } from '../../api';
import { TASK_KIND_LABELS } from '../../task-status';
import { TaskStatusBadge } from './TaskStatusBadge';

/**
 * One task as a trace: what the agent was told (the rendered system prompt, its template version
 * and variables), who asked (on a nested task), and every provider call it made, with model,
 * attempt, fallback, latency, time to first token, tokens and cost.
 */
export function TaskTracePage() {
  const { id = '', taskId = '' } = useParams();
  const task = useAgentTask(id, taskId);

  if (task.isError)
    return (
      <ErrorState
        error={task.error}
        title="Could not load the task"
        onRetry={() => void task.refetch()}
        retrying={task.isFetching}
      />
    );
  if (!task.data)
    return (
      <div role="status" aria-label="Loading the task" className="flex flex-col gap-6">
        <Skeleton className="h-24" />
        <Skeleton className="h-48" />
      </div>
    );
  return <TaskTrace task={task.data} />;
}

function TaskTrace({ task }: { task: AgentTask }) {
  const canReadUsage = usePermission('settings:read');
  return (
    <>
      <title>Task · Agent Fleet</title>
      <PageHeader title={task.summary || TASK_KIND_LABELS[task.kind]} description={TASK_KIND_LABELS[task.kind]} />
      <div className="flex flex-col gap-6">
        <Card title="Task">
          <DescriptionList
            items={[
              { label: 'Status', value: <TaskStatusBadge status={task.status} /> },
              {
                label: 'Asked by',
                value: task.requestedBy ? (
                  <Link to={`/agents/${task.requestedBy.agentId}`} className="font-medium text-indigo-600 hover:underline">
                    {task.requestedBy.agentName}
                  </Link>
                ) : task.kind === 'agent_tool_call' ? (
                  <span className="text-slate-400">An agent that was deleted</span>
                ) : (
                  'A person, in a conversation'
                ),
              },
              { label: 'Started', value: formatDateTime(task.startedAt) },
              { label: 'Duration', value: task.durationMs === null ? '—' : `${formatNumber(task.durationMs)} ms` },
              {
                label: 'Tokens',
                value: `${formatNumber(task.usage.inputTokens)} in · ${formatNumber(task.usage.outputTokens)} out`,
              },
              { label: 'Cost', value: `${formatCost(task.costUsd)} over ${pluralize(task.llmCalls, 'LLM call')}` },
              ...(task.error ? [{ label: 'Error', value: <span className="text-red-700">{task.error.message}</span> }] : []),
            ]}
          />
        </Card>
        <SystemPromptCard prompt={task.systemPrompt} />
        {canReadUsage ? (
          <TaskCalls taskId={task.id} agentId={task.agentId} />
        ) : (
          <Card title="LLM calls">
            <p className="text-sm text-slate-500">Your role cannot read the usage ledger, where the calls are recorded.</p>
          </Card>
        )}
      </div>
    </>
  );
}

function SystemPromptCard({ prompt }: { prompt: AgentTask['systemPrompt'] }) {
  if (!prompt)
    return (
      <Card title="System prompt">
        <p className="text-sm text-slate-500">No system prompt: the model got only the conversation.</p>
      </Card>
    );
  const variables = Object.keys(prompt.variables);
  return (
    <Card
      title="System prompt"
      description={
        prompt.templateRef
          ? `Rendered from ${prompt.templateRef}${prompt.templateVersion === null ? '' : `, version ${prompt.templateVersion}`}`
          : 'Inline text'
      }
    >
      <pre className="max-h-96 overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200 ring-inset [overflow-wrap:anywhere]">
        {prompt.text}
      </pre>
      {variables.length > 0 && (
        <div className="mt-4">
          <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Variables</h3>
          <pre
            aria-label="Variables"
            className="mt-1 overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset"
          >
            {prettyJson(prompt.variables)}
          </pre>
        </div>
      )}
    </Card>
  );
}

function TaskCalls({ taskId, agentId }: { taskId: string; agentId: string }) {
  const calls = useUsageCalls({ taskId, limit: 100 });
  // Every call of a task is the task's agent's; its name is usually cached already (the breadcrumb).
  const agent = useAgent(agentId);
  const agentNames = new Map(agent.data ? [[agentId, agent.data.name]] : []);
  if (calls.isError)
    return (
      <Card title="LLM calls">
        <ErrorState
          error={calls.error}
          title="Could not load the calls"
          onRetry={() => void calls.refetch()}
          retrying={calls.isFetching}
        />
      </Card>
    );
  // The ledger lists newest first; a trace reads in the order the calls were made.
  const ordered = [...(calls.data?.items ?? [])].reverse();
  return (
    <Card title="LLM calls" description="Every provider call of this task, in order: retries and fallbacks included." flush>
      {calls.data ? (
        ordered.length > 0 ? (
          <CallsTable calls={ordered} agentNames={agentNames} label="LLM calls of the task" />
        ) : (
          <p className="px-5 py-4 text-sm text-slate-500">No provider call was recorded for this task.</p>
        )
      ) : (
        <div role="status" aria-label="Loading the calls" className="p-5">
          <Skeleton className="h-24" />
        </div>
      )}
    </Card>
  );
}
