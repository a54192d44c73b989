import type { RunStatus, StepRunStatus } from '@agent-fleet/contracts';
import { Badge } from '../../../components/ui/Badge';
import { isActiveRun, RUN_STATUS_TONE, STEP_STATUS_TONE } from '../run-status';

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <Badge tone={RUN_STATUS_TONE[status]} dot={isActiveRun(status) ? 'pulse' : true}>
      {status}
    </Badge>
  );
}

export function StepStatusBadge({ status }: { status: StepRunStatus }) {
  return (
    <Badge tone={STEP_STATUS_TONE[status]} dot={status === 'running' || status === 'waiting' ? 'pulse' : true}>
      {status}
    </Badge>
  );
}
