import { Fragment, lazy, Suspense, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { loginPathFor } from '../return-path';
import { useAuth } from '../useAuth';
import { AuthSplash } from './AuthSplash';
import { AuthUnavailable } from './AuthUnavailable';

/** Rare (a member removed from every workspace), and it brings the workspace form: load it on demand. */
const NoWorkspacePage = lazy(() => import('./NoWorkspacePage').then((module) => ({ default: module.NoWorkspacePage })));

/** Renders `children` for a signed-in member of a workspace; sends everyone else to sign in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();

  if (auth.status === 'restoring') return <AuthSplash />;
  if (auth.status === 'unavailable') return <AuthUnavailable />;
  if (auth.status === 'signed-out') {
    // Signing out on purpose starts fresh; an expired session comes back to where it was.
    const to = auth.signedOutReason === 'signed-out' ? '/login' : loginPathFor(location);
    return <Navigate to={to} replace />;
  }
  if (!auth.membership)
    return (
      <Suspense fallback={<AuthSplash />}>
        <NoWorkspacePage />
      </Suspense>
    );
  // Keyed by workspace: switching remounts every page, so no query observer keeps the old data.
  return <Fragment key={auth.workspaceId}>{children}</Fragment>;
}
