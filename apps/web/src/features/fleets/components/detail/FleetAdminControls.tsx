import type { FleetAdminState, FleetDetail } from '@agent-fleet/contracts';
import { CircleArrowDown, CirclePause, CirclePlay, type LucideIcon } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/Button';
import { Field } from '../../../../components/ui/Field';
import { FormDialog } from '../../../../components/ui/FormDialog';
import { Input } from '../../../../components/ui/Input';
import { useToast } from '../../../../components/ui/useToast';
import { placeErrors } from '../../../../lib/form-errors';
import { ADMIN_STATE_META, missingRoleMessage } from '../../fleet-meta';
import { useSetFleetAdminState } from '../../mutations';

interface Action {
  target: FleetAdminState;
  label: string;
  Icon: LucideIcon;
  /** What the confirmation says happens. */
  consequence: string;
}

const ACTIONS: Action[] = [
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
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const missingRole = missingRoleMessage(change.error);
  const placed = change.error && !missingRole ? placeErrors(change.error, ['reason']) : null;

  const close = () => {
    change.reset();
    setReason('');
    setAction(null);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!action) return;
    change.mutate(
      { id: fleet.id, adminState: action.target, reason: reason.trim() },
      {
        onSuccess: (saved) => {
          toast.success(
            `Fleet ${ADMIN_STATE_META[saved.adminState].label.toLowerCase()}`,
            `“${saved.name}”: ${ADMIN_STATE_META[saved.adminState].description}`,
          );
          close();
        },
      },
    );
  };

  return (
    <>
      {ACTIONS.filter(({ target }) => target !== fleet.adminState).map((item) => (
        <Button key={item.target} onClick={() => setAction(item)} icon={<item.Icon className="size-4" aria-hidden="true" />}>
          {item.label}
        </Button>
      ))}
      <FormDialog
        open={action !== null}
        onClose={close}
        title={action ? `${action.label} ${fleet.name}?` : 'Change the state'}
        description={action?.consequence}
        submitLabel={action ? `${action.label} fleet` : 'Confirm'}
        pending={change.isPending}
        onSubmit={submit}
        banner={missingRole ?? placed?.banner ?? null}
        bannerTitle={missingRole ? 'A member role is missing' : 'Could not change the state'}
      >
        <Field id="fleet-state-reason" label="Reason" optional hint="Kept in the audit log." error={placed?.byField.reason}>
          {(control) => (
            <Input
              {...control}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              autoComplete="off"
              maxLength={500}
            />
          )}
        </Field>
      </FormDialog>
    </>
  );
}
