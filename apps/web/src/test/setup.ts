import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { authClient } from '../lib/auth-client';

// Pages restore a session (refresh, then /me) before they fetch their own data, and the first render
// of a lazy route transforms its module graph: allow for that when the whole suite runs in parallel
// on a busy machine.
configure({ asyncUtilTimeout: 10_000 });

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

// jsdom has no layout, so it does not implement scrolling; ScrollRestoration calls it on every navigation.
window.scrollTo = () => undefined;

// The access token lives in a module-level client, like in the app: each test starts signed out.
afterEach(() => {
  authClient.reset();
  window.localStorage.clear();
});
