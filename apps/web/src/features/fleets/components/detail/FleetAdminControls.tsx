import type { FleetAdminState, FleetDetail } from '@agent-fleet/contracts';
import { CircleArrowDown, CirclePause, CirclePlay } from 'lucide-react';
import { AdminStateControls, type AdminStateAction } from '../../../../components/admin-state/AdminStateControls';
import { useToast } from '../../../../components/ui/useToast';
import { ADMIN_STATE_META, missingRoleMessage } from '../../fleet-meta';
import { useSetFleetAdminState } from '../../mutations';

const ACTIONS: AdminStateAction<FleetAdminState>[] = [
  { target: 'paused', label: 'Pause', Icon: CirclePause, consequence: 'It takes no new work; work in progress finishes.' },
  {
    target: 'draining',
    label: 'Drain',
    Icon: CircleArrowDown,
    consequence: 'It takes no new work and pauses once nothing is in flight.',
  },
  { target: 'active', label: 'Resume', Icon: CirclePlay, consequence: 'It takes new work again.' },
];

/** Pause, drain or resume a fleet, with an optional reason for the audit log. Offers only the states it is not in. */
export function FleetAdminControls({ fleet }: { fleet: FleetDetail }) {
  const change = useSetFleetAdminState();
  const toast = useToast();
  const missingRole = missingRoleMessage(change.error);
  return (
    <AdminStateControls
      noun="fleet"
      name={fleet.name}
      current={fleet.adminState}
      actions={ACTIONS}
      reasonHint="Kept in the audit log."
      pending={change.isPending}
      error={change.error}
      errorBanner={missingRole ? { title: 'A member role is missing', message: missingRole } : null}
      onReset={change.reset}
      onChange={({ adminState, reason }, done) =>
        change.mutate(
          { id: fleet.id, adminState, reason },
          {
            onSuccess: (saved) => {
              const meta = ADMIN_STATE_META[saved.adminState];
              toast.success(`Fleet ${meta.label.toLowerCase()}`, `“${saved.name}”: ${meta.description}`);
              done();
            },
          },
        )
      }
    />
  );
}
