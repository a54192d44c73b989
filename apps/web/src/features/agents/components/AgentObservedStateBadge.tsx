import type { AgentObservedState } from '@agent-fleet/contracts';
import { Badge } from '../../../components/ui/Badge';
import { AGENT_OBSERVED_STATE_META } from '../agent-admin-state';

/** What the agent is doing, derived by the system; people set the admin state instead. */
export function AgentObservedStateBadge({ state }: { state: AgentObservedState }) {
  const meta = AGENT_OBSERVED_STATE_META[state];
  return (
    <span title={meta.description}>
      <Badge tone={meta.tone} dot={state === 'busy' ? 'pulse' : true}>
        {meta.label}
      </Badge>
    </span>
  );
}
