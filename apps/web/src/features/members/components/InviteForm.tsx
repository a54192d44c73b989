import { InvitationCreateSchema, type InvitationCreate } from '@agent-fleet/contracts';
import { useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { useSchemaForm } from '../../../lib/useSchemaForm';
import { pluralize } from '../../../lib/format';
import { roleLabel } from '../../roles/role-options';
import { useGrantableRoles } from '../../roles/useGrantableRoles';

type InviteField = 'email' | 'role' | 'expiresInDays';
const FIELDS: readonly InviteField[] = ['email', 'role', 'expiresInDays'];
const EXPIRY_DAYS = [1, 3, 7, 14, 30] as const;

export interface InviteFormProps {
  /** The form's id, for the dialog's submit button. */
  id: string;
  pending: boolean;
  /** Creates the invitation; calls `onError` when the server refused it. */
  onSubmit: (input: InvitationCreate, onError: (error: unknown) => void) => void;
}

export function InviteForm({ id, pending, onSubmit }: InviteFormProps) {
  const grantable = useGrantableRoles({ ownerOnlyByOwner: true });
  const [email, setEmail] = useState('');
  const [chosenRole, setChosenRole] = useState<string | null>(null);
  const [expiresInDays, setExpiresInDays] = useState<number>(7);
  const form = useSchemaForm(InvitationCreateSchema, FIELDS);
  const defaultRole = grantable.roles.find((role) => role.name === 'editor') ?? grantable.roles.at(-1);
  const role = chosenRole ?? defaultRole?.name ?? '';
  const description = grantable.roles.find((item) => item.name === role)?.description;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = form.validate({ email: email.trim() === '' ? undefined : email, role, expiresInDays });
    if (data) onSubmit(data, form.showError);
  };

  return (
    <form ref={form.ref} id={id} noValidate onSubmit={submit} className="flex flex-col gap-5">
      {form.banner && <FormAlert title="Could not create the invitation">{form.banner}</FormAlert>}
      <Field
        id={`${id}-email`}
        label="Email (optional)"
        error={form.errors.email}
        hint="Leave empty to let anyone with the link join."
      >
        {(control) => (
          <Input
            {...control}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              form.clearError('email');
            }}
            disabled={pending}
            placeholder="teammate@example.com"
          />
        )}
      </Field>
      <Field id={`${id}-role`} label="Role" error={form.errors.role} hint={description}>
        {(control) => (
          <Select
            {...control}
            value={role}
            onChange={(event) => setChosenRole(event.target.value)}
            disabled={pending || grantable.isPending}
          >
            {grantable.isPending && <option value="">Loading roles…</option>}
            {grantable.roles.map((item) => (
              <option key={item.name} value={item.name}>
                {roleLabel(item.name)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id={`${id}-expiry`} label="Expires after" error={form.errors.expiresInDays}>
        {(control) => (
          <Select
            {...control}
            value={expiresInDays}
            onChange={(event) => setExpiresInDays(Number(event.target.value))}
            disabled={pending}
          >
            {EXPIRY_DAYS.map((days) => (
              <option key={days} value={days}>
                {pluralize(days, 'day')}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </form>
  );
}
