import type { TaskStatus } from '@agent-fleet/contracts';
import { Badge } from '../../../../components/ui/Badge';
import { TASK_STATUS_META } from '../../task-status';

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const meta = TASK_STATUS_META[status];
  return (
    <Badge tone={meta.tone} dot={meta.dot}>
      {meta.label}
    </Badge>
  );
}
