import type { AgentStatus } from '@agent-fleet/contracts';
import { Badge } from '../../../components/ui/Badge';
import { AGENT_STATUS_META } from '../agent-status';

export function AgentStatusBadge({ status }: { status: AgentStatus }) {
  const meta = AGENT_STATUS_META[status];
  return (
    <span title={meta.description}>
      <Badge tone={meta.tone} dot={meta.dot}>
        {meta.label}
      </Badge>
    </span>
  );
}
