import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { placeErrors, zodFieldMessages, type FieldMessages } from '../../../lib/form-errors';
import { useFocusFirstError } from '../../../lib/useFocusFirstError';
import { signInProblem, type SignInProblem } from '../sign-in-problem';
import { useAuth } from '../useAuth';

type LoginField = 'email' | 'password';

/**
 * The contract's schema (and with it the schema library) loads once the page is on screen, not
 * before: the sign-in page is the first thing every visitor downloads.
 */
const loadLoginSchema = () => import('@agent-fleet/contracts').then((contracts) => contracts.LoginSchema);
const FIELDS: readonly LoginField[] = ['email', 'password'];

export function LoginForm() {
  const { signIn } = useAuth();
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldMessages<LoginField>>({});
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const { ref, focusFirstError } = useFocusFirstError();
  useEffect(() => {
    void loadLoginSchema();
  }, []);

  const change = (field: LoginField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    // Loaded since the form mounted: this resolves at once, before the fields could change.
    const parsed = (await loadLoginSchema()).safeParse(values);
    if (!parsed.success) {
      setErrors(zodFieldMessages(parsed.error));
      setProblem(null);
      focusFirstError();
      return;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      // On success the page redirects to where the user was headed.
      await signIn(parsed.data);
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
