import { ProfileUpdateSchema, type User } from '@agent-fleet/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { useToast } from '../../../components/ui/useToast';
import { placeErrors } from '../../../lib/form-errors';
import { updateProfile } from '../../auth/api';
import { useAuth } from '../../auth/useAuth';

export function ProfileForm({ user }: { user: User }) {
  const { reloadMe } = useAuth();
  const toast = useToast();
  const [name, setName] = useState(user.name);
  const [error, setError] = useState<string | undefined>();
  const [banner, setBanner] = useState<string | null>(null);
  const save = useMutation({ mutationFn: updateProfile });
  const unchanged = name.trim() === user.name;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = ProfileUpdateSchema.safeParse({ name });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setBanner(null);
    save.mutate(parsed.data, {
      onSuccess: async () => {
        await reloadMe();
        toast.success('Profile saved');
      },
      onError: (failure) => {
        const found = placeErrors(failure, ['name']);
        setError(found.byField.name);
        setBanner(found.banner);
      },
    });
  };

  return (
    <form noValidate onSubmit={submit} className="flex max-w-lg flex-col gap-5">
      {banner && <FormAlert title="Could not save your profile">{banner}</FormAlert>}
      <Field id="profile-name" label="Name" error={error}>
        {(control) => (
          <Input
            {...control}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setError(undefined);
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
