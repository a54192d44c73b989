import type { Agent, AgentAdminState } from '@agent-fleet/contracts';
import { Ban, Hourglass, Pause, Play } from 'lucide-react';
import { AdminStateControls, type AdminStateAction } from '../../../../components/admin-state/AdminStateControls';
import { useToast } from '../../../../components/ui/useToast';
import { AGENT_ADMIN_STATE_META } from '../../agent-admin-state';
import { useSetAgentAdminState } from '../../api';

const ACTIONS: AdminStateAction<AgentAdminState>[] = [
  { target: 'paused', label: 'Pause', Icon: Pause, consequence: 'It takes no new work; work in progress finishes.' },
  {
    target: 'draining',
    label: 'Drain',
    Icon: Hourglass,
    consequence: 'It takes no new work and pauses once nothing is in flight, or at the timeout.',
  },
  { target: 'disabled', label: 'Disable', Icon: Ban, consequence: 'It is out of service and takes no new work until resumed.' },
  { target: 'active', label: 'Resume', Icon: Play, consequence: 'It takes new work again.' },
];

/**
 * Pause, drain, disable or resume an agent, with an optional reason (kept in its state history) and, for
 * a drain, an optional timeout. Offers only the states it is not in; a draining agent can be paused at once.
 */
export function AgentLifecycleControls({ agent }: { agent: Agent }) {
  const change = useSetAgentAdminState();
  const toast = useToast();
  return (
    <div className="flex flex-wrap gap-2">
      <AdminStateControls
        noun="agent"
        name={agent.name}
        current={agent.adminState}
        actions={ACTIONS}
        reasonHint="Kept in the state history."
        drainTimeout
        pending={change.isPending}
        error={change.error}
        onReset={change.reset}
        onChange={(state, done) =>
          change.mutate(
            { id: agent.id, ...state },
            {
              onSuccess: (saved) => {
                const meta = AGENT_ADMIN_STATE_META[saved.adminState];
                toast.success(`Agent ${meta.label.toLowerCase()}`, `“${saved.name}”: ${meta.description}`);
                done();
              },
            },
          )
        }
      />
    </div>
  );
}
