import type { Login, Me, PasswordChange, Session, SetupStatus, Signup, User, Workspace } from '@agent-fleet/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';

const AUTH = '/api/v1/auth';
const ME = '/api/v1/me';

export const authKeys = {
  setup: ['auth', 'setup'] as const,
};

// The sign-in routes are public: their 401 means wrong credentials, never an expired session.
// Sign-in and sign-up are keepalive: if the user moves on before the answer, the session cookie
// still lands and the next page finds them signed in.
export const fetchSetupStatus = (signal?: AbortSignal) => apiRequest<SetupStatus>(`${AUTH}/setup`, { auth: false, signal });
export const login = (body: Login) =>
  apiRequest<Session>(`${AUTH}/login`, { method: 'POST', body, auth: false, keepalive: true });
export const signup = (body: Signup) =>
  apiRequest<Session>(`${AUTH}/signup`, { method: 'POST', body, auth: false, keepalive: true });
export const logout = () => apiRequest<undefined>(`${AUTH}/logout`, { method: 'POST' });

export const fetchMe = (signal?: AbortSignal) => apiRequest<Me>(ME, { signal });
export const updateProfile = (body: { name: string }) => apiRequest<User>(ME, { method: 'PATCH', body });
export const changePassword = (body: PasswordChange) => apiRequest<undefined>(`${ME}/password`, { method: 'POST', body });

export const createWorkspace = (body: { name: string }) => apiRequest<Workspace>('/api/v1/workspaces', { method: 'POST', body });
export const acceptInvitation = (token: string) =>
  apiRequest<Workspace>('/api/v1/invitations/accept', { method: 'POST', body: { token } });

/** Whether the first owner still has to be created, and whether anyone may sign up. */
export function useSetupStatus() {
  return useQuery({
    queryKey: authKeys.setup,
    queryFn: ({ signal }) => fetchSetupStatus(signal),
    staleTime: 0,
  });
}
