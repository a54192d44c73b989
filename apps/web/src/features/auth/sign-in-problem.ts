import { errorMessage, isApiError } from '../../lib/api-error';
import { formatDuration } from '../../lib/format';

export interface SignInProblem {
  title: string;
  detail: string;
}

/** What to tell someone whose sign-in failed, in words that say what to do next. */
export function signInProblem(error: unknown): SignInProblem {
  if (isApiError(error)) {
    if (error.code === 'invalid_credentials') {
      return { title: 'Wrong email or password', detail: 'Check both and try again. Passwords are case-sensitive.' };
    }
    if (error.code === 'rate_limited') {
      const wait = error.retryAfterSeconds === undefined ? 'a few minutes' : formatDuration(error.retryAfterSeconds);
      return {
        title: 'Too many sign-in attempts',
        detail: `To protect this account, signing in is paused. Try again in ${wait}.`,
      };
    }
  }
  return { title: 'Could not sign in', detail: errorMessage(error) };
}
