import { ProfileUpdateSchema, type User } from '@agent-fleet/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { useToast } from '../../../components/ui/useToast';
import { useSchemaForm } from '../../../lib/useSchemaForm';
import { updateProfile } from '../../auth/api';
import { useAuth } from '../../auth/useAuth';

const FIELDS = ['name'] as const;

export function ProfileForm({ user }: { user: User }) {
  const { reloadMe } = useAuth();
  const toast = useToast();
  const [name, setName] = useState(user.name);
  const form = useSchemaForm(ProfileUpdateSchema, FIELDS);
  const save = useMutation({ mutationFn: updateProfile });
  const unchanged = name.trim() === user.name;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = form.validate({ name });
    if (!data) return;
    save.mutate(data, {
      onSuccess: async () => {
        await reloadMe();
        toast.success('Profile saved');
      },
      onError: form.showError,
    });
  };

  return (
    <form ref={form.ref} noValidate onSubmit={submit} className="flex max-w-lg flex-col gap-5">
      {form.banner && <FormAlert title="Could not save your profile">{form.banner}</FormAlert>}
      <Field id="profile-name" label="Name" error={form.errors.name}>
        {(control) => (
          <Input
            {...control}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              form.clearError('name');
            }}
            autoComplete="name"
            maxLength={100}
            disabled={save.isPending}
          />
        )}
      </Field>
      <Field id="profile-email" label="Email" hint="You sign in with it; it cannot be changed here.">
        {(control) => <Input {...control} type="email" value={user.email} readOnly disabled />}
      </Field>
      <div>
        <Button type="submit" variant="primary" loading={save.isPending} disabled={unchanged}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
