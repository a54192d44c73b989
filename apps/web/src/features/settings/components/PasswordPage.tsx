import { PasswordChangeSchema } from '@agent-fleet/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { Notice } from '../../../components/ui/Notice';
import { useSchemaForm } from '../../../lib/useSchemaForm';
import { changePassword } from '../../auth/api';
import { SettingsSection } from './SettingsSection';

type PasswordField = 'currentPassword' | 'newPassword';
const FIELDS: readonly PasswordField[] = ['currentPassword', 'newPassword'];
const EMPTY = { currentPassword: '', newPassword: '' };

export function PasswordPage() {
  const [values, setValues] = useState(EMPTY);
  const form = useSchemaForm(PasswordChangeSchema, FIELDS);
  const change = useMutation({ mutationFn: changePassword });

  const update = (field: PasswordField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    form.clearError(field);
    if (change.isSuccess) change.reset();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = form.validate(values);
    if (!data) return;
    change.mutate(data, {
      onSuccess: () => {
        setValues(EMPTY);
        form.reset();
      },
      onError: form.showError,
    });
  };

  return (
    <SettingsSection title="Password" description="Changing your password signs you out on every other device.">
      <Card title="Change password">
        <form ref={form.ref} noValidate onSubmit={submit} className="flex max-w-lg flex-col gap-5">
          {change.isSuccess && (
            <Notice tone="success" title="Password changed">
              Use the new password from now on. Your other sessions have been signed out.
            </Notice>
          )}
          {form.banner && <FormAlert title="Could not change the password">{form.banner}</FormAlert>}
          <Field id="password-current" label="Current password" error={form.errors.currentPassword}>
            {(control) => (
              <Input
                {...control}
                type="password"
                autoComplete="current-password"
                value={values.currentPassword}
                onChange={(event) => update('currentPassword', event.target.value)}
                disabled={change.isPending}
              />
            )}
          </Field>
          <Field
            id="password-new"
            label="New password"
            error={form.errors.newPassword}
            hint={form.errors.newPassword ? undefined : 'At least 10 characters. A long passphrase is easiest to remember.'}
          >
            {(control) => (
              <Input
                {...control}
                type="password"
                autoComplete="new-password"
                value={values.newPassword}
                onChange={(event) => update('newPassword', event.target.value)}
                disabled={change.isPending}
              />
            )}
          </Field>
          <div>
            <Button type="submit" variant="primary" loading={change.isPending}>
              Change password
            </Button>
          </div>
        </form>
      </Card>
    </SettingsSection>
  );
}
