import type { FleetTask, FleetTaskStatus, RoutingExclusion } from '@agent-fleet/contracts';
import type { BadgeTone } from '../../components/ui/Badge';

export const TASK_STATUS_META: Record<FleetTaskStatus, { label: string; tone: BadgeTone }> = {
  queued: { label: 'Queued', tone: 'amber' },
  running: { label: 'Running', tone: 'sky' },
  succeeded: { label: 'Succeeded', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  cancelled: { label: 'Cancelled', tone: 'slate' },
};

/** Queued or running: it may still change, so it can be cancelled and the page keeps asking. */
export const isOpenTask = (status: FleetTaskStatus): boolean => status === 'queued' || status === 'running';

/** How often a page showing an open task asks again (a WebSocket client will replace this). */
export const TASK_POLL_MS = 2000;

/** A refetch interval for TanStack Query: poll while any of the tasks is open, else not at all. */
export const pollWhileOpen = (tasks: readonly Pick<FleetTask, 'status'>[] | undefined): number | false =>
  tasks?.some((task) => isOpenTask(task.status)) ? TASK_POLL_MS : false;

export const EXCLUSION_LABELS: Record<RoutingExclusion, string> = {
  not_active: 'not active',
  offline: 'offline',
  at_capacity: 'at capacity',
  missing_skills: 'missing skills',
};
