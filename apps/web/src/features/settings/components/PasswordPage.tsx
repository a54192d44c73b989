import { PasswordChangeSchema } from '@agent-fleet/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { Notice } from '../../../components/ui/Notice';
import { placeErrors, zodFieldMessages, type FieldMessages } from '../../../lib/form-errors';
import { useFocusFirstError } from '../../../lib/useFocusFirstError';
import { changePassword } from '../../auth/api';
import { SettingsSection } from './SettingsSection';

type PasswordField = 'currentPassword' | 'newPassword';
const FIELDS: readonly PasswordField[] = ['currentPassword', 'newPassword'];
const EMPTY = { currentPassword: '', newPassword: '' };

export function PasswordPage() {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldMessages<PasswordField>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const change = useMutation({ mutationFn: changePassword });
  const { ref, focusFirstError } = useFocusFirstError();

  const update = (field: PasswordField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    if (change.isSuccess) change.reset();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = PasswordChangeSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(zodFieldMessages(parsed.error));
      setBanner(null);
      focusFirstError();
      return;
    }
    setBanner(null);
    change.mutate(parsed.data, {
      onSuccess: () => {
        setValues(EMPTY);
        setErrors({});
      },
      onError: (error) => {
        const found = placeErrors(error, FIELDS);
        setErrors(found.byField);
        setBanner(found.banner);
        focusFirstError();
      },
    });
  };

  return (
    <SettingsSection title="Password" description="Changing your password signs you out on every other device.">
      <Card title="Change password">
        <form ref={ref} noValidate onSubmit={submit} className="flex max-w-lg flex-col gap-5">
          {change.isSuccess && (
            <Notice tone="success" title="Password changed">
              Use the new password from now on. Your other sessions have been signed out.
            </Notice>
          )}
          {banner && <FormAlert title="Could not change the password">{banner}</FormAlert>}
          <Field id="password-current" label="Current password" error={errors.currentPassword}>
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
            error={errors.newPassword}
            hint={errors.newPassword ? undefined : 'At least 10 characters. A long passphrase is easiest to remember.'}
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
