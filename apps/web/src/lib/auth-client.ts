import type { Session } from '@agent-fleet/contracts';
import { apiErrorFromResponse, networkError } from './api-error';
import { preferences } from './storage';

export const REFRESH_PATH = '/api/v1/auth/refresh';

/**
 * Set while this browser holds a session (the refresh cookie itself is httpOnly, so unreadable).
 * Without it a page load does not try to refresh: a signed-out visitor's first request would be a
 * 401, which every browser logs to the console as an error. Holds no secret, only "1".
 */
export const SESSION_HINT_KEY = 'agent-fleet:has-session';

export type AuthEvent =
  /** A session was adopted: after sign-in, sign-up or a refresh. */
  | { type: 'session'; session: Session }
  /** The session ended underneath the app (refresh refused); the user must sign in again. */
  | { type: 'expired' };

export type AuthListener = (event: AuthEvent) => void;

/** Renew this long before the access token expires (capped at a fifth of its lifetime). */
const REFRESH_MARGIN_SECONDS = 60;
/** Never renew more often than this, whatever the server's `expiresIn`. */
const MIN_REFRESH_DELAY_MS = 5_000;
/** After a scheduled refresh failed on the network, try again this much later. */
const RETRY_DELAY_MS = 15_000;
/** Serializes refreshes across tabs: they share the cookie, and a refresh token works only once. */
const REFRESH_LOCK = 'agent-fleet:refresh';

/** When to renew a token that expires in `expiresIn` seconds. */
export function refreshDelayMs(expiresIn: number): number {
  const margin = Math.min(REFRESH_MARGIN_SECONDS, expiresIn / 5);
  return Math.max(MIN_REFRESH_DELAY_MS, (expiresIn - margin) * 1000);
}

async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return task();
  return locks.request(REFRESH_LOCK, task);
}

/**
 * Holds the access token in memory (never in storage, where injected scripts could read it) and the
 * workspace requests act in, and renews the token with the httpOnly refresh cookie.
 */
export class AuthClient {
  #session: Session | null = null;
  #workspaceId: string | null = null;
  #inFlight: Promise<Session | null> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped whenever the session is forgotten, so a refresh that was in flight cannot revive it. */
  #generation = 0;
  readonly #listeners = new Set<AuthListener>();

  get accessToken(): string | null {
    return this.#session?.accessToken ?? null;
  }

  get session(): Session | null {
    return this.#session;
  }

  /** Sent as `X-Workspace-Id`; null lets the server pick the user's oldest membership. */
  get workspaceId(): string | null {
    return this.#workspaceId;
  }

  setWorkspace(workspaceId: string | null): void {
    this.#workspaceId = workspaceId;
  }

  /** Adopts a session from sign-in, sign-up or refresh and schedules its renewal. */
  setSession(session: Session): void {
    preferences.set(SESSION_HINT_KEY, '1');
    this.#session = session;
    this.#schedule(refreshDelayMs(session.expiresIn));
    this.#emit({ type: 'session', session });
  }

  /**
   * Exchanges the refresh cookie for a new access token. Single-flight: concurrent callers share
   * one request, because the cookie rotates and presenting a used one revokes the whole session.
   * Resolves null when there is no valid session; rejects with an ApiError when the server cannot
   * be reached or fails.
   */
  /** Whether this browser may hold a refresh cookie: false once signed out here or refused. */
  mayHaveSession(): boolean {
    return preferences.get(SESSION_HINT_KEY) !== null;
  }

  refresh(): Promise<Session | null> {
    this.#inFlight ??= withRefreshLock(() => this.#requestRefresh()).finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  /** Forgets the session and tells listeners it ended, e.g. after a refused refresh. */
  expire(): void {
    const hadSession = this.#session !== null;
    this.#forget();
    if (hadSession) this.#emit({ type: 'expired' });
  }

  /** Forgets the session quietly, e.g. on sign-out. */
  clear(): void {
    this.#forget();
  }

  /** Back to a blank state; for tests. */
  reset(): void {
    this.#forget();
    this.#workspaceId = null;
    this.#inFlight = null;
  }

  subscribe(listener: AuthListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #requestRefresh(): Promise<Session | null> {
    const generation = this.#generation;
    let response: Response;
    try {
      response = await fetch(REFRESH_PATH, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json, application/problem+json' },
      });
    } catch (cause) {
      throw networkError(cause);
    }
    // No valid session; callers decide whether that ends one (expire) or just means signed out.
    if (response.status === 401) {
      preferences.remove(SESSION_HINT_KEY);
      return null;
    }
    if (!response.ok) throw await apiErrorFromResponse(response);
    const session = (await response.json()) as Session;
    if (generation !== this.#generation) return null;
    this.setSession(session);
    return session;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.refresh().then(
        (session) => {
          if (!session) this.expire();
        },
        // Offline for a moment: the token is still good for a while, so try again shortly.
        () => {
          if (this.#session) this.#schedule(RETRY_DELAY_MS);
        },
      );
    }, delayMs);
  }

  #forget(): void {
    preferences.remove(SESSION_HINT_KEY);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#session = null;
    this.#generation += 1;
  }

  #emit(event: AuthEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

/** The app's one auth client; the API client reads its token and workspace on every request. */
export const authClient = new AuthClient();
