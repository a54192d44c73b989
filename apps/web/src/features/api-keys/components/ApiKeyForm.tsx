import { ApiKeyCreateSchema, type ApiKeyCreate } from '@agent-fleet/contracts';
import { useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { useSchemaForm } from '../../../lib/useSchemaForm';
import { useAuth } from '../../auth/useAuth';
import { roleLabel } from '../../roles/role-options';
import { useGrantableRoles } from '../../roles/useGrantableRoles';
import { endOfDayIso, tomorrowInputValue } from '../api-key-status';

type KeyField = 'name' | 'role' | 'expiresAt';
const FIELDS: readonly KeyField[] = ['name', 'role', 'expiresAt'];

export interface ApiKeyFormProps {
  /** The form's id, for the dialog's submit button. */
  id: string;
  pending: boolean;
  /** Creates the key; calls `onError` when the server refused it. */
  onSubmit: (input: ApiKeyCreate, onError: (error: unknown) => void) => void;
}

export function ApiKeyForm({ id, pending, onSubmit }: ApiKeyFormProps) {
  const { membership } = useAuth();
  // A key may hold no permission its creator lacks.
  const grantable = useGrantableRoles();
  const [name, setName] = useState('');
  const [chosenRole, setChosenRole] = useState<string | null>(null);
  const [expiresOn, setExpiresOn] = useState('');
  const form = useSchemaForm(ApiKeyCreateSchema, FIELDS);
  const preferred =
    grantable.roles.find((role) => role.name === 'editor') ?? grantable.roles.find((role) => role.name === membership?.role);
  const role = chosenRole ?? preferred?.name ?? grantable.roles[0]?.name ?? '';
  const description = grantable.roles.find((item) => item.name === role)?.description;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const expiresAt = expiresOn === '' ? undefined : endOfDayIso(expiresOn);
    const data = form.validate({ name, role, ...(expiresAt ? { expiresAt } : {}) });
    if (data) onSubmit(data, form.showError);
  };

  return (
    <form ref={form.ref} id={id} noValidate onSubmit={submit} className="flex flex-col gap-5">
      {form.banner && <FormAlert title="Could not create the key">{form.banner}</FormAlert>}
      <Field id={`${id}-name`} label="Name" error={form.errors.name} hint="Where the key is used, e.g. “GitHub Actions deploy”.">
        {(control) => (
          <Input
            {...control}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              form.clearError('name');
            }}
            disabled={pending}
            maxLength={100}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        id={`${id}-role`}
        label="Role"
        error={form.errors.role}
        hint={description || 'A key never exceeds your own permissions.'}
      >
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
      <Field
        id={`${id}-expiry`}
        label="Expires on"
        optional
        error={form.errors.expiresAt}
        hint="Leave empty for a key that does not expire."
      >
        {(control) => (
          <Input
            {...control}
            type="date"
            min={tomorrowInputValue()}
            value={expiresOn}
            onChange={(event) => {
              setExpiresOn(event.target.value);
              form.clearError('expiresAt');
            }}
            disabled={pending}
          />
        )}
      </Field>
    </form>
  );
}
