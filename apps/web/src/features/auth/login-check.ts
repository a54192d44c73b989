import type { Login } from '@agent-fleet/contracts';
import type { FieldMessages } from '../../lib/form-errors';

/** The email pattern the contract's `z.email()` applies (zod's "practical" one). */
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/**
 * The sign-in form's own check before it asks the server: a valid email and a password, in the words of
 * the contract's LoginSchema (`login-check.test.tsx` holds them to it). Written out because the sign-in
 * page is the first thing every visitor downloads, and the schema would bring the schema library (about
 * 27 KB gzip) for two fields. What it leaves to the server (lengths, text PostgreSQL cannot store) comes
 * back as field errors, shown beside the field all the same.
 */
export function checkLogin({ email, password }: Login): { data: Login } | { errors: FieldMessages<keyof Login> } {
  const errors: FieldMessages<keyof Login> = {};
  const normalized = email.trim().toLowerCase();
  if (!EMAIL.test(normalized)) errors.email = 'Enter a valid email address';
  if (password === '') errors.password = 'Password is required';
  return Object.keys(errors).length > 0 ? { errors } : { data: { email: normalized, password } };
}
