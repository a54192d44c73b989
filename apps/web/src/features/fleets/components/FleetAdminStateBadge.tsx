import type { FleetAdminState } from '@agent-fleet/contracts';
import { Badge } from '../../../components/ui/Badge';
import { ADMIN_STATE_META } from '../fleet-meta';

export function FleetAdminStateBadge({ state }: { state: FleetAdminState }) {
  const meta = ADMIN_STATE_META[state];
  return (
    <Badge tone={meta.tone} dot={state === 'draining' ? 'pulse' : true}>
      {meta.label}
    </Badge>
  );
}
