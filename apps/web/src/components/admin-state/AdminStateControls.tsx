import type { LucideIcon } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { placeErrors } from '../../lib/form-errors';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { FormDialog } from '../ui/FormDialog';
import { Input } from '../ui/Input';

/** One state an operator can move a resource to, as a button and its confirmation. */
export interface AdminStateAction<S extends string> {
  target: S;
  label: string;
  Icon: LucideIcon;
  /** What the confirmation says happens. */
  consequence: string;
}

export interface AdminStateChange<S extends string> {
  adminState: S;
  reason: string;
  timeoutSeconds?: number;
}

interface AdminStateControlsProps<S extends string> {
  /** What is changed, in titles, the submit button and field ids: `agent`, `fleet`. */
  noun: string;
  name: string;
  current: S;
  actions: readonly AdminStateAction<S>[];
  /** Where the reason is kept (the reason field's hint). */
  reasonHint: string;
  /** The `draining` action also asks for an optional timeout in seconds. Default false. */
  drainTimeout?: boolean;
  pending: boolean;
  error: unknown;
  /** Shown instead of the field errors when set (a 409 naming what the resource lacks, say). */
  errorBanner?: { title: string; message: string } | null;
  /** Sends the change; calls `done` once it has been saved. */
  onChange(change: AdminStateChange<S>, done: () => void): void;
  /** Forgets the last attempt's error. */
  onReset(): void;
}

/**
 * The admin-state buttons of a resource (pause, drain, resume…) and the dialog that confirms one, with
 * an optional reason and, for a drain, an optional timeout. Offers only the states it is not in.
 * Agents and fleets both use it, so their lifecycle controls read and behave alike.
 */
export function AdminStateControls<S extends string>(props: AdminStateControlsProps<S>) {
  const { noun, name, current, actions, pending, error, errorBanner } = props;
  const [action, setAction] = useState<AdminStateAction<S> | null>(null);
  const [reason, setReason] = useState('');
  const [timeout, setTimeoutSeconds] = useState('');
  const placed = error && !errorBanner ? placeErrors(error, ['reason', 'timeoutSeconds']) : null;

  const close = () => {
    props.onReset();
    setReason('');
    setTimeoutSeconds('');
    setAction(null);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!action) return;
    const seconds = props.drainTimeout && action.target === 'draining' && timeout.trim() !== '' ? Number(timeout) : undefined;
    props.onChange(
      { adminState: action.target, reason: reason.trim(), ...(seconds === undefined ? {} : { timeoutSeconds: seconds }) },
      close,
    );
  };

  return (
    <>
      {actions
        .filter(({ target }) => target !== current)
        .map((item) => (
          <Button key={item.target} onClick={() => setAction(item)} icon={<item.Icon className="size-4" aria-hidden="true" />}>
            {item.label}
          </Button>
        ))}
      <FormDialog
        open={action !== null}
        onClose={close}
        title={action ? `${action.label} ${name}?` : 'Change the state'}
        description={action?.consequence}
        submitLabel={action ? `${action.label} ${noun}` : 'Confirm'}
        pending={pending}
        onSubmit={submit}
        banner={errorBanner?.message ?? placed?.banner ?? null}
        bannerTitle={errorBanner?.title ?? 'Could not change the state'}
      >
        <Field id={`${noun}-state-reason`} label="Reason" optional hint={props.reasonHint} error={placed?.byField.reason}>
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
        {props.drainTimeout && action?.target === 'draining' && (
          <Field
            id={`${noun}-drain-timeout`}
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
    </>
  );
}
