import type { PipelineDefinition, RunDetail } from '@agent-fleet/contracts';
import { FileQuestion } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button } from '../../../../components/ui/Button';
import { Card } from '../../../../components/ui/Card';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { FormAlert } from '../../../../components/ui/FormAlert';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { QueryBoundary } from '../../../../components/ui/QueryBoundary';
import { DetailPageSkeleton } from '../../../../components/ui/Skeleton';
import { errorMessage } from '../../../../lib/api-error';
import { runRef, shortId } from '../../format';
import { DeferredRunGraph } from '../../graph/DeferredRunGraph';
import { runGraphSteps } from '../../graph/run-graph-steps';
import { useRunPermissions } from '../../hooks/useRunPermissions';
import { useRunStream, type RunStreamState } from '../../hooks/useRunStream';
import { useRerunRun } from '../../mutations';
import { useApprovals, useRun, useRunDefinition, useRunEvents } from '../../queries';
import { isActiveRun } from '../../run-status';
import { RunStatusBadge } from '../RunStatusBadge';
import { ApprovalPanel } from './ApprovalPanel';
import { RunActions } from './RunActions';
import { RunSummary } from './RunSummary';
import { RunTimeline } from './RunTimeline';
import { StepList } from './StepList';
import { StepPanel } from './StepPanel';

const STREAM_NOTE: Record<RunStreamState, string | null> = {
  idle: null,
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

/** The approvals of this run waiting for a decision, with what the definition says about each. */
function WaitingApprovals({ run, definition }: { run: RunDetail; definition: PipelineDefinition | undefined }) {
  const waiting = run.steps.filter((step) => step.type === 'approval' && step.status === 'waiting');
  const inbox = useApprovals();
  if (waiting.length === 0) return null;
  return (
    <Card title="Waiting for approval" className="ring-amber-300">
      <div className="flex flex-col gap-6">
        {waiting.map((step) => {
          const pending = inbox.data?.find((item) => item.runId === run.id && item.step === step.key);
          const declared = definition?.steps[step.stepId];
          const approval = declared?.type === 'approval' ? declared : undefined;
          return (
            <ApprovalPanel
              key={step.id}
              runId={run.id}
              step={step.key}
              message={pending?.message ?? approval?.message ?? null}
              form={pending?.form ?? approval?.form ?? null}
              roles={pending?.roles ?? approval?.assignees.roles ?? []}
              dueAt={pending?.dueAt ?? step.dueAt}
              canDecide={pending?.canDecide ?? false}
            />
          );
        })}
      </div>
    </Card>
  );
}

function RunView({ run }: { run: RunDetail }) {
  const active = isActiveRun(run.status);
  const events = useRunEvents(run.id);
  const stream = useRunStream(run.id, active && events.isSuccess);
  const definition = useRunDefinition(run.pipelineName, run.version);
  const { canCreate, canReadUsage } = useRunPermissions();
  const rerun = useRerunRun();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<string | null>(null);
  const step = run.steps.find((candidate) => candidate.key === selected) ?? null;
  const note = active ? STREAM_NOTE[stream] : null;

  return (
    <>
      <title>{`Run ${shortId(run.id)} · ${run.pipelineName} · Agent Fleet`}</title>
      <PageHeader
        title={<span className="font-mono">Run {shortId(run.id)}</span>}
        meta={
          <span className="flex items-center gap-2">
            <RunStatusBadge status={run.status} />
            {note && <span className="text-xs text-slate-500">{note}</span>}
          </span>
        }
        description={
          <Link className="font-mono break-all hover:text-indigo-600" to={`/pipelines/${encodeURIComponent(run.pipelineName)}`}>
            {runRef(run)}
          </Link>
        }
        actions={<RunActions run={run} />}
      />
      <div className="flex flex-col gap-6">
        <WaitingApprovals run={run} definition={definition.data?.definition} />
        <Card title="Steps" description="Coloured by status; click a step for its details." flush>
          <div className="h-80 border-b border-slate-100">
            <DeferredRunGraph
              steps={runGraphSteps(definition.data?.definition, run.steps)}
              selected={step?.stepId ?? null}
              onSelect={setSelected}
            />
          </div>
          <div className="min-w-0 overflow-x-auto">
            <StepList steps={run.steps} selected={selected} onSelect={setSelected} />
          </div>
        </Card>
        {step && (
          <Card title="Step details">
            {rerun.isError && <FormAlert title="Could not re-run">{errorMessage(rerun.error)}</FormAlert>}
            <StepPanel
              step={step}
              items={run.steps.filter((item) => item.parentId === step.id).sort((a, b) => (a.index ?? 0) - (b.index ?? 0))}
              canReadUsage={canReadUsage}
              onSelect={setSelected}
              rerunPending={rerun.isPending}
              {...(canCreate && step.parentId === null && !active
                ? {
                    onRerun: (from: string, only: boolean) =>
                      rerun.mutate(
                        { id: run.id, body: { from, only } },
                        { onSuccess: (next) => void navigate(`/runs/${next.id}`) },
                      ),
                  }
                : {})}
            />
          </Card>
        )}
        <Card title="Timeline" description="Each attempt of each step, from the run’s events.">
          {events.isError ? (
            <p className="text-sm text-red-600">Could not load the run’s events.</p>
          ) : (
            <RunTimeline events={events.data ?? []} live={active} selected={selected} onSelect={setSelected} />
          )}
        </Card>
        <Card title="Run">
          <RunSummary run={run} />
        </Card>
      </div>
    </>
  );
}

/** One run: live graph, approvals, steps, timeline and totals. Follows the event stream while active. */
export function RunDetailPage() {
  const { id = '' } = useParams();
  const query = useRun(id);
  const navigate = useNavigate();
  return (
    <QueryBoundary
      query={query}
      errorTitle="Could not load the run"
      errorCard
      loading={<DetailPageSkeleton label="Loading run" />}
      notFound={
        <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
          <title>Run not found · Agent Fleet</title>
          <EmptyState
            icon={<FileQuestion />}
            title="Run not found"
            description="There is no such run in this workspace."
            action={<Button onClick={() => void navigate('/runs')}>Back to runs</Button>}
          />
        </div>
      }
    >
      {(run) => <RunView run={run} />}
    </QueryBoundary>
  );
}
