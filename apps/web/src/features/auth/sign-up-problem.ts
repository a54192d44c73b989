import { errorMessage, isApiError } from '../../lib/api-error';

export interface SignUpProblem {
  title: string;
  detail: string;
  /** Set when the problem belongs beside the email field instead of in a banner. */
  emailError?: string;
}

/** What to tell someone whose sign-up failed. */
export function signUpProblem(error: unknown): SignUpProblem {
  if (isApiError(error)) {
    switch (error.code) {
      case 'email_taken':
        return {
          title: 'This email already has an account',
          detail: 'Sign in with it instead.',
          emailError: 'An account with this email already exists',
        };
      case 'invitation_invalid':
        return {
          title: 'This invitation cannot be used',
          detail: `${error.detail ?? 'It is invalid or expired.'} Ask for a new invitation link.`,
        };
      case 'signup_closed':
        return {
          title: 'Sign-up is by invitation only',
          detail: error.detail ?? 'Ask a workspace admin for an invitation link.',
        };
    }
  }
  return { title: 'Could not create the account', detail: errorMessage(error) };
}
