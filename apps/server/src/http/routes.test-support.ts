import type { AccessService, Principal } from '@agent-fleet/core';
import { createLogger } from '../logger.js';
import { captureLogs } from '../test-support.js';
import { createApp } from './app.js';
import type { Route } from './route.js';

const principal: Principal = {
  kind: 'user',
  userId: 'user-1',
  sessionId: null,
  apiKeyId: null,
  apiKeyWorkspaceId: null,
  apiKeyRole: null,
  label: 'tester',
};
/** Lets every bearer token in as one user: enough for `authenticated` routes. */
const access = { authenticate: async () => principal } as unknown as AccessService;

/** The HTTP app with only `routes` (no database), and the log lines it writes. */
export function appOf(routes: Route[], options: { strictResponses?: boolean } = {}) {
  const { logs, sink } = captureLogs();
  const app = createApp({
    routes,
    logger: createLogger({ LOG_LEVEL: 'info' }, sink),
    access,
    cookieSecure: 'false',
    bodyLimitBytes: 1024,
    trustProxy: 0,
    ...options,
  });
  return { app, logs };
}
