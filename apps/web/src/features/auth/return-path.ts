import type { Location } from 'react-router';

export const HOME_PATH = '/agents';

/** Pages a sign-in must never return to: they would bounce straight back. (/signup?invite=… may: it accepts.) */
const AUTH_PATHS = ['/login', '/setup'];

/**
 * The in-app path to continue at after signing in, from an untrusted `next` parameter. Anything
 * that could leave the app (`//evil.example`, `https://…`, `/\evil`) falls back to the home page.
 */
export function safeReturnPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return HOME_PATH;
  if (AUTH_PATHS.some((path) => next === path || next.startsWith(`${path}?`) || next.startsWith(`${path}/`))) return HOME_PATH;
  return next;
}

/** The login URL that brings the user back to `location` afterwards. */
export function loginPathFor(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  if (location.pathname === '/' || here === HOME_PATH) return '/login';
  return `/login?${new URLSearchParams({ next: here }).toString()}`;
}
