import type { Session } from '@agent-fleet/contracts';
import { isApiError } from '../../lib/api-error';
import type { AuthClient } from '../../lib/auth-client';

/**
 * The marker is a cookie, not web storage: Chromium may load the next page in another process
 * before the last page's storage writes arrive, while a cookie write is committed at once.
 */
const COOKIE = 'af_sign_in_pending';
/** A marker older than this belongs to a sign-in that is long over. */
const MAX_AGE_S = 15;
/** How long a new page waits for a sign-in that the previous page left in flight. */
const WAIT_MS = 5_000;
const POLL_MS = 250;

const setMarker = () => {
  document.cookie = `${COOKIE}=${Date.now()}; path=/; max-age=${MAX_AGE_S}; samesite=strict`;
};
const clearMarker = () => {
  document.cookie = `${COOKIE}=; path=/; max-age=0; samesite=strict`;
};
const markedAt = (): number => {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${COOKIE}=`));
  return Number(entry?.slice(COOKIE.length + 1)) || 0;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a sign-in or sign-up and marks it in flight. When the page is left before the answer, the
 * marker stays behind, telling the next page that a session cookie may still arrive.
 */
export async function trackSignIn<T>(request: () => Promise<T>): Promise<T> {
  setMarker();
  try {
    const result = await request();
    clearMarker();
    return result;
  } catch (error) {
    // Leaving the page aborts the request for this document (it goes on in the background), which
    // surfaces as a network error: the marker must survive exactly then. A server answer clears it.
    if (isApiError(error) && error.status !== 0) clearMarker();
    throw error;
  }
}

/**
 * After a refresh found no session: if the previous page left a sign-in in flight (its request is
 * keepalive, so it still completes), keeps asking briefly until its cookie lands. Resolves null
 * when there is no such sign-in or it did not produce a session.
 */
export async function awaitPendingSignIn(client: AuthClient): Promise<Session | null> {
  const since = markedAt();
  if (!since || Date.now() - since > MAX_AGE_S * 1000) return null;
  const deadline = Date.now() + WAIT_MS;
  try {
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const session = await client.refresh();
      if (session) return session;
    }
    return null;
  } finally {
    clearMarker();
  }
}
