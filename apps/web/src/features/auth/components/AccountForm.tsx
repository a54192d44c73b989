import { SignupSchema, type Signup } from '@agent-fleet/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { placeErrors, zodFieldMessages, type FieldMessages } from '../../../lib/form-errors';
import { useFocusFirstError } from '../../../lib/useFocusFirstError';
import { signUpProblem, type SignUpProblem } from '../sign-up-problem';
import { useAuth } from '../useAuth';

type AccountField = 'name' | 'email' | 'password';
const FIELDS: readonly AccountField[] = ['name', 'email', 'password'];

export interface AccountFormProps {
  submitLabel: string;
  /** Sent with the sign-up to join the invitation's workspace. */
  inviteToken?: string | undefined;
  /** The email to start with, e.g. the address an invitation is bound to. */
  initialEmail?: string | undefined;
}

/** Name, email and password for a new account: the first owner, an invitee, or an open sign-up. */
export function AccountForm({ submitLabel, inviteToken, initialEmail = '' }: AccountFormProps) {
  const { signUp } = useAuth();
  const [values, setValues] = useState({ name: '', email: initialEmail, password: '' });
  const [errors, setErrors] = useState<FieldMessages<AccountField>>({});
  const [problem, setProblem] = useState<SignUpProblem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const { ref, focusFirstError } = useFocusFirstError();

  const change = (field: AccountField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const input: Signup = inviteToken ? { ...values, inviteToken } : values;
    const parsed = SignupSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(zodFieldMessages(parsed.error));
      setProblem(null);
      focusFirstError();
      return;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      await signUp(parsed.data);
    } catch (error) {
      const fields = placeErrors(error, FIELDS);
      const found = signUpProblem(error);
      setErrors(found.emailError ? { email: found.emailError } : fields.byField);
      const besideFields = found.emailError === undefined && Object.keys(fields.byField).length > 0 && !fields.banner;
      setProblem(besideFields ? null : found);
      focusFirstError();
      setSubmitting(false);
    }
  };

  return (
    <form ref={ref} noValidate onSubmit={handleSubmit} className="flex flex-col gap-5" aria-busy={submitting || undefined}>
      {problem && <FormAlert title={problem.title}>{problem.detail}</FormAlert>}
      <Field id="account-name" label="Name" error={errors.name}>
        {(control) => (
          <Input
            {...control}
            autoComplete="name"
            autoFocus
            value={values.name}
            onChange={(event) => change('name', event.target.value)}
            disabled={submitting}
            maxLength={100}
            placeholder="Ada Lovelace"
          />
        )}
      </Field>
      <Field id="account-email" label="Email" error={errors.email}>
        {(control) => (
          <Input
            {...control}
            type="email"
            autoComplete="email"
            value={values.email}
            onChange={(event) => change('email', event.target.value)}
            disabled={submitting}
            placeholder="you@example.com"
          />
        )}
      </Field>
      <Field
        id="account-password"
        label="Password"
        error={errors.password}
        hint={errors.password ? undefined : 'At least 10 characters.'}
      >
        {(control) => (
          <Input
            {...control}
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={(event) => change('password', event.target.value)}
            disabled={submitting}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" loading={submitting} className="mt-1 w-full">
        {submitLabel}
      </Button>
    </form>
  );
}
