import type { RunStatus, StepRunStatus } from '@agent-fleet/contracts';
import { TERMINAL_RUN_STATUSES } from '@agent-fleet/contracts/constants';
import type { BadgeTone } from '../../components/ui/Badge';

/** A run that may still change: the list polls and the detail page follows the event stream. */
export const isActiveRun = (status: RunStatus): boolean => !TERMINAL_RUN_STATUSES.includes(status);

/** Runs that stopped short of success; "Retry from failed" resumes them. */
export const isRetryableRun = (status: RunStatus): boolean => status === 'failed' || status === 'cancelled';

export const RUN_STATUS_TONE: Record<RunStatus, BadgeTone> = {
  queued: 'slate',
  running: 'sky',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'neutral',
};

export const STEP_STATUS_TONE: Record<StepRunStatus, BadgeTone> = {
  pending: 'slate',
  queued: 'slate',
  running: 'sky',
  waiting: 'amber',
  succeeded: 'green',
  failed: 'red',
  skipped: 'neutral',
  cancelled: 'neutral',
};

/** Node colours of the run graph, by step status: the same hues as the badges. */
export const STEP_STATUS_NODE: Record<StepRunStatus | 'not_started', string> = {
  not_started: 'border-slate-200 bg-white text-slate-500',
  pending: 'border-slate-200 bg-white text-slate-600',
  queued: 'border-slate-300 bg-slate-50 text-slate-800',
  running: 'border-sky-400 bg-sky-50 text-sky-900',
  waiting: 'border-amber-400 bg-amber-50 text-amber-900',
  succeeded: 'border-emerald-400 bg-emerald-50 text-emerald-900',
  failed: 'border-red-400 bg-red-50 text-red-900',
  skipped: 'border-slate-300 bg-slate-100 text-slate-500',
  cancelled: 'border-slate-300 bg-slate-100 text-slate-500',
};
