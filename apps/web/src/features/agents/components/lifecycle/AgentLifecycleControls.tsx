import type { Agent, AgentAdminState } from '@agent-fleet/contracts';
import { Ban, Hourglass, Pause, Play, type LucideIcon } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/Button';
import { Field } from '../../../../components/ui/Field';
import { FormDialog } from '../../../../components/ui/FormDialog';
import { Input } from '../../../../components/ui/Input';
import { useToast } from '../../../../components/ui/useToast';
import { placeErrors } from '../../../../lib/form-errors';
import { AGENT_ADMIN_STATE_META } from '../../agent-admin-state';
import { useSetAgentAdminState } from '../../api';

interface Action {
  target: AgentAdminState;
  label: string;
  Icon: LucideIcon;
  /** What the confirmation says happens. */
  consequence: string;
}

const ACTIONS: Action[] = [
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
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [timeout, setTimeoutSeconds] = useState('');
  const placed = change.error ? placeErrors(change.error, ['reason', 'timeoutSeconds']) : null;

  const close = () => {
    change.reset();
    setReason('');
    setTimeoutSeconds('');
    setAction(null);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!action) return;
    const seconds = action.target === 'draining' && timeout.trim() !== '' ? Number(timeout) : undefined;
    change.mutate(
      {
        id: agent.id,
        adminState: action.target,
        reason: reason.trim(),
        ...(seconds === undefined ? {} : { timeoutSeconds: seconds }),
      },
      {
        onSuccess: (saved) => {
          const meta = AGENT_ADMIN_STATE_META[saved.adminState];
          toast.success(`Agent ${meta.label.toLowerCase()}`, `“${saved.name}”: ${meta.description}`);
          close();
        },
      },
    );
  };

  return (
    <div className="flex flex-wrap gap-2">
      {ACTIONS.filter(({ target }) => target !== agent.adminState).map((item) => (
        <Button key={item.target} onClick={() => setAction(item)} icon={<item.Icon className="size-4" aria-hidden="true" />}>
          {item.label}
        </Button>
      ))}
      <FormDialog
        open={action !== null}
        onClose={close}
        title={action ? `${action.label} ${agent.name}?` : 'Change the state'}
        description={action?.consequence}
        submitLabel={action ? `${action.label} agent` : 'Confirm'}
        pending={change.isPending}
        onSubmit={submit}
        banner={placed?.banner ?? null}
        bannerTitle="Could not change the state"
      >
        <Field id="agent-state-reason" label="Reason" optional hint="Kept in the state history." error={placed?.byField.reason}>
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
        {action?.target === 'draining' && (
          <Field
            id="agent-drain-timeout"
            label="Timeout (seconds)"
            optional
            hint="Pause at this time even if work is still in flight."
            error={placed?.byField.timeoutSeconds}
          >
            {(control) => (
              <Input
                {...control}
                type="number"
                min={1}
                max={86_400}
                step={1}
                value={timeout}
                onChange={(event) => setTimeoutSeconds(event.target.value)}
              />
            )}
          </Field>
        )}
      </FormDialog>
    </div>
  );
}
