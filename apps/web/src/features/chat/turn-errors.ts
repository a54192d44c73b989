import type { TaskError } from '@agent-fleet/contracts';

/** Headlines for the ways a turn ends badly; the server's message says the rest. */
const TITLES: Record<string, string> = {
  budget_exceeded: 'Budget exceeded',
  max_iterations: 'Stopped at the iteration limit',
  provider_error: 'The model provider failed',
  provider_not_configured: 'The provider is not configured',
  schema_mismatch: 'The reply did not match the requested format',
  agent_unavailable: 'The agent is not available',
  aborted: 'Stopped',
  conversation_busy: 'Another reply is being written',
  connection_lost: 'The connection was lost',
};

/** The headline for a code this page knows; undefined for others, whose own title should be shown. */
export const knownTurnErrorTitle = (code: string): string | undefined => TITLES[code];

export const turnErrorTitle = (error: TaskError): string => TITLES[error.code] ?? 'The reply failed';

/** The client-side failure of a stream that ended without saying how the turn went. */
export const CONNECTION_LOST: TaskError = {
  code: 'connection_lost',
  message: 'The stream ended before the reply finished. What the server stored shows once the conversation reloads.',
};
