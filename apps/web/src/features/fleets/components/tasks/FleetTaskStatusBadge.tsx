import type { FleetTaskStatus } from '@agent-fleet/contracts';
import { Badge } from '../../../../components/ui/Badge';
import { isOpenTask, TASK_STATUS_META } from '../../task-meta';

export function FleetTaskStatusBadge({ status }: { status: FleetTaskStatus }) {
  const meta = TASK_STATUS_META[status];
  return (
    <Badge tone={meta.tone} dot={isOpenTask(status) ? 'pulse' : true}>
      {meta.label}
    </Badge>
  );
}
