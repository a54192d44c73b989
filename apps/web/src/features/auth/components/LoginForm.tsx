import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { placeErrors, type FieldMessages } from '../../../lib/form-errors';
import { useFocusFirstError } from '../../../lib/useFocusFirstError';
import { checkLogin } from '../login-check';
import { signInProblem, type SignInProblem } from '../sign-in-problem';
import { useAuth } from '../useAuth';

type LoginField = 'email' | 'password';

const FIELDS: readonly LoginField[] = ['email', 'password'];

export function LoginForm() {
  const { signIn } = useAuth();
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldMessages<LoginField>>({});
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const { ref, focusFirstError } = useFocusFirstError();

  const change = (field: LoginField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const checked = checkLogin(values);
    if ('errors' in checked) {
      setErrors(checked.errors);
      setProblem(null);
      focusFirstError();
      return;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      // On success the page redirects to where the user was headed.
      await signIn(checked.data);
    } catch (error) {
      const fields = placeErrors(error, FIELDS);
      setErrors(fields.byField);
      setProblem(Object.keys(fields.byField).length > 0 ? null : signInProblem(error));
      setValues((current) => ({ ...current, password: '' }));
      focusFirstError();
      setSubmitting(false);
    }
  };

  return (
    <form ref={ref} noValidate onSubmit={handleSubmit} className="flex flex-col gap-5" aria-busy={submitting || undefined}>
      {problem && <FormAlert title={problem.title}>{problem.detail}</FormAlert>}
      <Field id="login-email" label="Email" error={errors.email}>
        {(control) => (
          <Input
            {...control}
            type="email"
            autoComplete="username"
            autoFocus
            value={values.email}
            onChange={(event) => change('email', event.target.value)}
            disabled={submitting}
            placeholder="you@example.com"
          />
        )}
      </Field>
      <Field id="login-password" label="Password" error={errors.password}>
        {(control) => (
          <Input
            {...control}
            type="password"
            autoComplete="current-password"
            value={values.password}
            onChange={(event) => change('password', event.target.value)}
            disabled={submitting}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" loading={submitting} className="mt-1 w-full">
        Sign in
      </Button>
    </form>
  );
}
