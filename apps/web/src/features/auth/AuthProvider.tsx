import type { Login, Me, Signup } from '@agent-fleet/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { authClient as defaultClient, type AuthClient } from '../../lib/auth-client';
import { authKeys, fetchMe, login, logout, signup } from './api';
import { AuthContext, type AuthContextValue, type SignedOutReason } from './auth-context';
import { awaitPendingSignIn, trackSignIn } from './pending-sign-in';
import { chooseWorkspace, rememberWorkspace } from './workspace-choice';

type AuthState =
  | { status: 'restoring' }
  | { status: 'unavailable'; error: unknown }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; me: Me; workspaceId: string | null; accessToken: string | null };

/** Coming back to a tab after this long re-reads the memberships, so role changes show up. */
const ME_STALE_MS = 60_000;

export interface AuthProviderProps {
  children: ReactNode;
  /** Injected by tests; the app uses the shared client the API client reads. */
  client?: AuthClient;
}

/**
 * Owns the session: restores it from the refresh cookie on start, signs in and out, follows the
 * client's refreshes and expiry, and tracks the workspace requests act in.
 */
export function AuthProvider({ children, client = defaultClient }: AuthProviderProps) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<AuthState>({ status: 'restoring' });
  const [attempt, setAttempt] = useState(0);
  const meLoadedAt = useRef(0);

  /** Loads the user behind the client's session and picks the workspace to act in. */
  const adoptSession = useCallback(async (): Promise<Me> => {
    const me = await fetchMe();
    meLoadedAt.current = Date.now();
    const workspaceId = chooseWorkspace(me.memberships);
    client.setWorkspace(workspaceId);
    setState({ status: 'signed-in', me, workspaceId, accessToken: client.accessToken });
    return me;
  }, [client]);

  useEffect(() => {
    let cancelled = false;
    const restore = async () => {
      try {
        // Single-flight inside the client, so StrictMode's second run shares the first request.
        // A browser that never signed in (or signed out) has no cookie to refresh: asking anyway
        // would only log a 401 in the console.
        const session =
          client.session ?? (client.mayHaveSession() ? await client.refresh() : null) ?? (await awaitPendingSignIn(client));
        if (cancelled) return;
        if (!session) setState({ status: 'signed-out', reason: null });
        else await adoptSession();
      } catch (error) {
        if (!cancelled) setState({ status: 'unavailable', error });
      }
    };
    void restore();
    return () => {
      cancelled = true;
    };
  }, [client, adoptSession, attempt]);

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.type === 'expired') {
          queryClient.clear();
          setState({ status: 'signed-out', reason: 'expired' });
          return;
        }
        setState((current) =>
          current.status === 'signed-in' ? { ...current, accessToken: event.session.accessToken } : current,
        );
      }),
    [client, queryClient],
  );

  const reloadMe = useCallback(async (): Promise<Me> => {
    const me = await fetchMe();
    meLoadedAt.current = Date.now();
    const workspaceId = chooseWorkspace(me.memberships, client.workspaceId);
    if (workspaceId !== client.workspaceId) {
      // Removed from the workspace in use: nothing cached for it may stay on screen.
      client.setWorkspace(workspaceId);
      queryClient.clear();
    }
    setState((current) => (current.status === 'signed-in' ? { ...current, me, workspaceId } : current));
    return me;
  }, [client, queryClient]);

  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (!signedIn) return undefined;
    const onVisible = () => {
      if (document.visibilityState === 'visible' && Date.now() - meLoadedAt.current > ME_STALE_MS) {
        reloadMe().catch(() => undefined);
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [signedIn, reloadMe]);

  const signIn = useCallback(
    async (credentials: Login) => {
      client.setSession(await trackSignIn(() => login(credentials)));
      await adoptSession();
    },
    [client, adoptSession],
  );

  const signUp = useCallback(
    async (input: Signup) => {
      client.setSession(await trackSignIn(() => signup(input)));
      // The first sign-up ends the setup; a cached "needs setup" would send the login page back.
      queryClient.removeQueries({ queryKey: authKeys.setup });
      await adoptSession();
    },
    [client, queryClient, adoptSession],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // Signed out locally regardless; the server's session expires on its own.
    }
    client.clear();
    queryClient.clear();
    setState({ status: 'signed-out', reason: 'signed-out' });
  }, [client, queryClient]);

  const switchWorkspace = useCallback(
    (workspaceId: string) => {
      client.setWorkspace(workspaceId);
      rememberWorkspace(workspaceId);
      queryClient.clear();
      setState((current) => (current.status === 'signed-in' ? { ...current, workspaceId } : current));
    },
    [client, queryClient],
  );

  const retry = useCallback(() => {
    setState({ status: 'restoring' });
    setAttempt((count) => count + 1);
  }, []);

  const value = useMemo<AuthContextValue>(() => {
    const me = state.status === 'signed-in' ? state.me : null;
    const workspaceId = state.status === 'signed-in' ? state.workspaceId : null;
    const memberships = me?.memberships ?? [];
    return {
      status: state.status,
      signedOutReason: state.status === 'signed-out' ? state.reason : null,
      error: state.status === 'unavailable' ? state.error : null,
      user: me?.user ?? null,
      memberships,
      membership: memberships.find((membership) => membership.workspaceId === workspaceId) ?? null,
      workspaceId,
      accessToken: state.status === 'signed-in' ? state.accessToken : null,
      signIn,
      signUp,
      signOut,
      switchWorkspace,
      reloadMe,
      retry,
    };
  }, [state, signIn, signUp, signOut, switchWorkspace, reloadMe, retry]);

  return <AuthContext value={value}>{children}</AuthContext>;
}
