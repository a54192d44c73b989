import type { ReactNode } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { safeReturnPath } from '../return-path';
import { useAuth } from '../useAuth';
import { AuthSplash } from './AuthSplash';

/** For the sign-in pages: a signed-in user continues where they were headed instead. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const [searchParams] = useSearchParams();
  if (status === 'restoring') return <AuthSplash />;
  if (status === 'signed-in') return <Navigate to={safeReturnPath(searchParams.get('next'))} replace />;
  return children;
}
