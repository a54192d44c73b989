import type { AgentAdminState } from '@agent-fleet/contracts';
import { Badge } from '../../../components/ui/Badge';
import { AGENT_ADMIN_STATE_META } from '../agent-admin-state';

export function AgentAdminStateBadge({ state }: { state: AgentAdminState }) {
  const meta = AGENT_ADMIN_STATE_META[state];
  return (
    <Badge tone={meta.tone} dot={state === 'draining' ? 'pulse' : true}>
      {meta.label}
    </Badge>
  );
}
