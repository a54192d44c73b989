import type { FleetDetail } from '@agent-fleet/contracts';
import { FileQuestion, Pencil, RefreshCw, Send, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Button } from '../../../../components/ui/Button';
import { Card } from '../../../../components/ui/Card';
import { ConfirmDialog } from '../../../../components/ui/ConfirmDialog';
import { DescriptionList } from '../../../../components/ui/DescriptionList';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { Notice } from '../../../../components/ui/Notice';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { QueryBoundary } from '../../../../components/ui/QueryBoundary';
import { DetailPageSkeleton } from '../../../../components/ui/Skeleton';
import { useToast } from '../../../../components/ui/useToast';
import { isStaleVersionError } from '../../../../lib/api-error';
import { formatDateTime, formatNumber, formatRelativeTime, formatUsd } from '../../../../lib/format';
import { ADMIN_STATE_META, describeStrategy } from '../../fleet-meta';
import { useFleetPermissions } from '../../hooks/useFleetPermissions';
import { useDeleteFleet } from '../../mutations';
import { useFleet } from '../../queries';
import { MONITORING_TAB, TASKS_TAB } from '../../task-list-params';
import { parseMetricsRange, useFleetMetrics, type MetricsRange } from '../../metrics-api';
import { MonitoringSection } from '../metrics/MonitoringSection';
import { FleetAdminStateBadge } from '../FleetAdminStateBadge';
import { FleetTasksCard } from '../tasks/FleetTasksCard';
import { SubmitTaskDialog } from '../tasks/SubmitTaskDialog';
import { EditFleetDialog } from './EditFleetDialog';
import { FleetAdminControls } from './FleetAdminControls';
import { FleetMembersCard, utilisationByAgent } from './FleetMembersCard';
import { FleetTabs, tabId, tabPanelId, type FleetTab } from './FleetTabs';

function FleetNotFound() {
  const navigate = useNavigate();
  return (
    <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      <title>Fleet not found · Agent Fleet</title>
      <EmptyState
        icon={<FileQuestion />}
        title="Fleet not found"
        description="It may have been deleted, or the link is wrong."
        action={<Button onClick={() => void navigate('/fleets')}>Back to fleets</Button>}
      />
    </div>
  );
}

function Settings({ fleet }: { fleet: FleetDetail }) {
  const { limits } = fleet;
  return (
    <Card title="Settings">
      <DescriptionList
        items={[
          { label: 'Strategy', value: describeStrategy(fleet.strategy) },
          { label: 'State', value: ADMIN_STATE_META[fleet.adminState].description },
          { label: 'Max concurrency', value: formatNumber(fleet.maxConcurrency) },
          { label: 'Queue limit', value: formatNumber(fleet.queueLimit) },
          { label: 'Max delegation depth', value: formatNumber(limits.maxDelegationDepth) },
          { label: 'Max hops per root task', value: formatNumber(limits.maxHopsPerRootTask) },
          {
            label: 'Budget per root task',
            value: limits.budgetUsdPerRootTask === null ? 'No cap' : formatUsd(limits.budgetUsdPerRootTask),
          },
          { label: 'Task timeout', value: <span className="font-mono">{limits.taskTimeout}</span> },
          { label: 'Version', value: String(fleet.version) },
          {
            label: 'Updated',
            value: (
              <time dateTime={fleet.updatedAt} title={formatDateTime(fleet.updatedAt)}>
                {formatRelativeTime(fleet.updatedAt)}
              </time>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** One fleet: its state and the buttons to change it, its members and settings, its tasks and its figures. */
export function FleetPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const query = useFleet(id);
  const { canUpdate, canDelete, canManage, canExecute } = useFleetPermissions();
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: FleetTab = tabParam === TASKS_TAB ? 'tasks' : tabParam === MONITORING_TAB ? 'monitoring' : 'overview';
  const range = parseMetricsRange(searchParams.get('range'));
  // Each tab starts from its first page and no filter; the task list adds its own params after `tab`.
  const showTab = (next: FleetTab) =>
    setSearchParams(next === 'tasks' ? { tab: TASKS_TAB } : next === 'monitoring' ? { tab: MONITORING_TAB } : {}, {
      preventScrollReset: true,
    });
  const showRange = (next: MetricsRange) => setSearchParams({ tab: MONITORING_TAB, range: next }, { preventScrollReset: true });
  // The members' utilisation is the monitoring range's (24 h unless the Monitoring tab chose another).
  const metrics = useFleetMetrics(id, range);
  const [editing, setEditing] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteFleet();
  const toast = useToast();
  const staleDelete = isStaleVersionError(remove.error);

  const reload = async () => (await query.refetch()).data;
  const submitButton = (
    <Button variant="primary" onClick={() => setSubmitting(true)} icon={<Send className="size-4" aria-hidden="true" />}>
      Submit task
    </Button>
  );

  return (
    <QueryBoundary
      query={query}
      errorTitle="Could not load the fleet"
      errorCard
      loading={<DetailPageSkeleton label="Loading fleet" />}
      notFound={<FleetNotFound />}
    >
      {(fleet) => (
        <>
          <title>{`${fleet.name} · Fleets · Agent Fleet`}</title>
          <PageHeader
            title={<span className="break-words">{fleet.name}</span>}
            meta={<FleetAdminStateBadge state={fleet.adminState} />}
            description={fleet.description || 'No description.'}
            actions={
              <>
                {canExecute && submitButton}
                {canManage && <FleetAdminControls fleet={fleet} />}
                {canUpdate && (
                  <Button onClick={() => setEditing(true)} icon={<Pencil className="size-4" aria-hidden="true" />}>
                    Edit settings
                  </Button>
                )}
                {canDelete && (
                  <Button
                    variant="danger-ghost"
                    onClick={() => setDeleting(true)}
                    icon={<Trash2 className="size-4" aria-hidden="true" />}
                  >
                    Delete
                  </Button>
                )}
              </>
            }
          />
          <div className="flex min-w-0 flex-col gap-6">
            <FleetTabs current={tab} onChange={showTab} />
            <div role="tabpanel" id={tabPanelId(tab)} aria-labelledby={tabId(tab)} className="flex min-w-0 flex-col gap-6">
              {tab === 'tasks' ? (
                <FleetTasksCard fleet={fleet} canExecute={canExecute} submitButton={submitButton} />
              ) : tab === 'monitoring' ? (
                <MonitoringSection
                  title="Fleet figures"
                  query={metrics}
                  range={range}
                  onRangeChange={showRange}
                  names={new Map(fleet.members.map((member) => [member.agentId, member.agentName]))}
                />
              ) : (
                // Stacked: the members table needs the full width for its skills and delegates.
                <>
                  <FleetMembersCard
                    fleet={fleet}
                    canUpdate={canUpdate}
                    utilisation={metrics.data ? { range, byAgent: utilisationByAgent(metrics.data) } : undefined}
                  />
                  <Settings fleet={fleet} />
                </>
              )}
            </div>
          </div>
          {canExecute && (
            <SubmitTaskDialog
              fleet={fleet}
              open={submitting}
              onClose={() => setSubmitting(false)}
              onSubmitted={() => showTab('tasks')}
            />
          )}
          {canUpdate && <EditFleetDialog fleet={fleet} open={editing} onClose={() => setEditing(false)} onReload={reload} />}
          <ConfirmDialog
            open={deleting}
            title={`Delete ${fleet.name}?`}
            description={
              staleDelete ? (
                <Notice
                  tone="warning"
                  title="This fleet was changed elsewhere — reload"
                  actions={
                    <Button
                      size="sm"
                      onClick={() => void reload().then(() => remove.reset())}
                      icon={<RefreshCw className="size-3.5" aria-hidden="true" />}
                    >
                      Reload
                    </Button>
                  }
                >
                  Check the latest version before deleting it.
                </Notice>
              ) : (
                'Its memberships are deleted with it; the agents stay.'
              )
            }
            confirmLabel="Delete fleet"
            pending={remove.isPending}
            error={staleDelete ? null : remove.error}
            onConfirm={() =>
              remove.mutate(
                { id: fleet.id, version: fleet.version },
                {
                  onSuccess: () => {
                    toast.success('Fleet deleted', `${fleet.name} is gone; its agents stay.`);
                    setDeleting(false);
                    void navigate('/fleets', { replace: true });
                  },
                },
              )
            }
            onCancel={() => {
              remove.reset();
              setDeleting(false);
            }}
          />
        </>
      )}
    </QueryBoundary>
  );
}
