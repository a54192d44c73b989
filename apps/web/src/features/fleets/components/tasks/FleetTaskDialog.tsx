import type { FleetTaskDetail } from '@agent-fleet/contracts';
import { Ban, ChartNoAxesGantt } from 'lucide-react';
import { Link } from 'react-router';
import { Button } from '../../../../components/ui/Button';
import { buttonClasses } from '../../../../components/ui/button-styles';
import { DescriptionList } from '../../../../components/ui/DescriptionList';
import { Dialog } from '../../../../components/ui/Dialog';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { FormAlert } from '../../../../components/ui/FormAlert';
import { Notice } from '../../../../components/ui/Notice';
import { Skeleton } from '../../../../components/ui/Skeleton';
import { useToast } from '../../../../components/ui/useToast';
import { errorMessage } from '../../../../lib/api-error';
import { formatCost, formatElapsed, formatNumber } from '../../../../lib/format';
import { describeTaskInput } from '../../task-input';
import { isOpenTask } from '../../task-meta';
import { useCancelFleetTask } from '../../task-mutations';
import { useFleetTask } from '../../task-queries';
import { SkillChips } from '../SkillChips';
import { fleetTaskPath } from './FleetTaskPage';
import { FleetTaskStatusBadge } from './FleetTaskStatusBadge';
import { RoutingRecordView } from './RoutingRecordView';
import { TaskAgents } from './TaskAgents';
import { TaskTime } from './TaskTime';

export interface FleetTaskDialogProps {
  fleetId: string;
  /** The task shown; null keeps the dialog closed. */
  taskId: string | null;
  names: ReadonlyMap<string, string>;
  /** Whether the role may cancel (`fleets:execute`). */
  canCancel: boolean;
  onClose: () => void;
}

function TextBlock({ label, text }: { label: string; text: string }) {
  return (
    <section aria-label={label} className="flex flex-col gap-1.5">
      <h3 className="text-sm font-medium text-slate-800">{label}</h3>
      <pre className="max-h-64 overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs break-words whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200 ring-inset">
        {text}
      </pre>
    </section>
  );
}

function TaskBody({ task, names }: { task: FleetTaskDetail; names: ReadonlyMap<string, string> }) {
  const tokens = task.usage.inputTokens + task.usage.outputTokens;
  return (
    <div className="flex flex-col gap-5 pb-4">
      {task.status === 'queued' && task.waitingReason && (
        <Notice tone="info" title="Waiting for a member">
          {task.waitingReason}
        </Notice>
      )}
      {task.error && (
        <Notice tone="danger" title={`Failed: ${task.error.code}`}>
          {task.error.message}
        </Notice>
      )}
      <div className="grid gap-x-8 gap-y-2.5 sm:grid-cols-2">
        <DescriptionList
          items={[
            { label: 'Status', value: <FleetTaskStatusBadge status={task.status} /> },
            {
              label: task.agentIds.length > 1 ? 'Agents' : 'Agent',
              value: <TaskAgents agentIds={task.agentIds} names={names} />,
            },
            { label: 'Attempts', value: formatNumber(task.attempt) },
            { label: 'Priority', value: formatNumber(task.priority) },
            { label: 'Skills', value: <SkillChips skills={task.skills} /> },
          ]}
        />
        <DescriptionList
          items={[
            { label: 'Created', value: <TaskTime value={task.createdAt} /> },
            { label: 'Started', value: <TaskTime value={task.startedAt} /> },
            { label: 'Finished', value: <TaskTime value={task.finishedAt} /> },
            { label: 'Duration', value: task.durationMs === null ? null : formatElapsed(task.durationMs) },
            {
              label: 'Spend',
              value:
                task.llmCalls === 0
                  ? null
                  : `${formatCost(task.costUsd)} · ${formatNumber(tokens)} tokens · ${formatNumber(task.llmCalls)} LLM calls`,
            },
            { label: 'Idempotency key', value: task.idempotencyKey && <span className="font-mono">{task.idempotencyKey}</span> },
          ]}
        />
      </div>
      <section aria-labelledby="task-routing-title" className="flex flex-col gap-3">
        <h3 id="task-routing-title" className="text-sm font-medium text-slate-800">
          Routing: why this agent?
        </h3>
        {task.routing.length === 0 ? (
          <p className="text-sm text-slate-500">Not placed yet: no routing decision so far.</p>
        ) : (
          // Latest attempt first: it is the one that holds the task now.
          [...task.routing].reverse().map((record) => <RoutingRecordView key={record.id} record={record} names={names} />)
        )}
      </section>
      <TextBlock label="Input" text={describeTaskInput(task.input)} />
      {task.output !== null && <TextBlock label="Output" text={task.output} />}
    </div>
  );
}

/** One task: its input and outcome, its attempts, and each routing decision with every candidate it weighed. */
export function FleetTaskDialog({ fleetId, taskId, names, canCancel, onClose }: FleetTaskDialogProps) {
  const query = useFleetTask(fleetId, taskId);
  const cancel = useCancelFleetTask();
  const toast = useToast();
  const task = query.data;
  const cancellable = canCancel && task !== undefined && isOpenTask(task.status);

  const close = () => {
    cancel.reset();
    onClose();
  };

  const renderBody = () => {
    if (query.isError) {
      return (
        <ErrorState
          error={query.error}
          title="Could not load the task"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      );
    }
    if (!task) {
      return (
        <div role="status" aria-label="Loading task" className="flex flex-col gap-3 pb-4">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-24 w-full" />
        </div>
      );
    }
    return <TaskBody task={task} names={names} />;
  };

  return (
    <Dialog
      open={taskId !== null}
      onClose={close}
      size="xl"
      title="Task"
      description={task ? <span className="font-mono text-xs break-all">{task.id}</span> : undefined}
      footer={
        <>
          {cancellable && (
            <Button
              variant="danger-ghost"
              loading={cancel.isPending}
              icon={<Ban className="size-4" aria-hidden="true" />}
              onClick={() =>
                cancel.mutate(
                  { fleetId, taskId: task.id },
                  { onSuccess: () => toast.success('Task cancelled', 'It takes no more of the fleet’s time.') },
                )
              }
            >
              Cancel task
            </Button>
          )}
          {task && (
            <Link to={fleetTaskPath(fleetId, task.id)} className={buttonClasses('secondary')}>
              <ChartNoAxesGantt className="size-4" aria-hidden="true" />
              Waterfall
            </Link>
          )}
          <Button onClick={close}>Close</Button>
        </>
      }
    >
      {cancel.error !== null && (
        <div className="mb-4">
          <FormAlert title="Could not cancel the task">{errorMessage(cancel.error)}</FormAlert>
        </div>
      )}
      {renderBody()}
    </Dialog>
  );
}
