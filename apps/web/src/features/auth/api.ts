import type { Login, PasswordChange, Signup } from '@agent-fleet/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const authKeys = {
  setup: ['auth', 'setup'] as const,
};

// The sign-in routes are public: their 401 means wrong credentials, never an expired session.
// Sign-in and sign-up are keepalive: if the user moves on before the answer, the session cookie
// still lands and the next page finds them signed in.
export const fetchSetupStatus = (signal?: AbortSignal) => api('setupStatus', { auth: false, signal });
export const login = (body: Login) => api('login', { body, auth: false, keepalive: true });
export const signup = (body: Signup) => api('signup', { body, auth: false, keepalive: true });
export const logout = () => api('logout');

export const fetchMe = (signal?: AbortSignal) => api('getMe', { signal });
export const updateProfile = (body: { name: string }) => api('updateProfile', { body });
export const changePassword = (body: PasswordChange) => api('changePassword', { body });

export const createWorkspace = (body: { name: string }) => api('createWorkspace', { body });
export const acceptInvitation = (token: string) => api('acceptInvitation', { body: { token } });

/** Whether the first owner still has to be created, and whether anyone may sign up. */
export function useSetupStatus() {
  return useQuery({
    queryKey: authKeys.setup,
    queryFn: ({ signal }) => fetchSetupStatus(signal),
    staleTime: 0,
  });
}
