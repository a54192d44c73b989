import { AppError, type RemoteAgents, type RemoteAgentTarget } from '@agent-fleet/core';
import type { RemoteHealth } from '@agent-fleet/contracts';
import { RemoteA2AAgent } from './remote-agent.js';

/** Whether an error, or one of its causes, is the guarded fetch refusing the address. */
function refusedInChain(error: unknown): Error | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth += 1) {
    if ((current as { code?: unknown }).code === 'outbound_refused') return current;
    if (/Outbound request to \S+ refused/.test(current.message)) return current;
  }
  return null;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** How long a health check waits for the card before calling the remote offline. */
const HEALTH_TIMEOUT_MS = 10_000;

/**
 * The core's remote agents port over `RemoteA2AAgent` (the SDK's client through the guarded fetch).
 * Failures become the task errors the runner knows: a refused address `outbound_refused` (not retried),
 * anything else `provider_error` (the remote is down, unreachable or did not complete the task).
 */
export class A2ARemoteAgents implements RemoteAgents {
  constructor(private readonly fetchImpl: typeof fetch) {}

  async send(target: RemoteAgentTarget, text: string, options: { signal: AbortSignal }): Promise<{ text: string }> {
    let reply;
    try {
      reply = await this.client(target).send(text, { signal: options.signal });
    } catch (error) {
      if (options.signal.aborted) throw new AppError('aborted', 'Stopped by the user', { cause: error });
      const refused = refusedInChain(error);
      if (refused)
        throw new AppError('outbound_refused', `The remote agent's address is refused: ${refused.message}`, { cause: error });
      throw new AppError('provider_error', `The remote agent is unreachable: ${messageOf(error)}`, { cause: error });
    }
    if (reply.state !== 'completed') {
      throw new AppError('provider_error', `The remote agent's task ended ${reply.state}${reply.text ? `: ${reply.text}` : ''}`);
    }
    return { text: reply.text };
  }

  async health(target: RemoteAgentTarget): Promise<RemoteHealth> {
    const health = await this.client(target, HEALTH_TIMEOUT_MS).health();
    return health.state === 'online'
      ? { state: 'online', reason: null, checkedAt: health.checkedAt }
      : { state: 'offline', reason: health.reason.slice(0, 500), checkedAt: health.checkedAt };
  }

  /** A client; with `timeoutMs`, each of its requests gives up after that long (a hung remote is offline). */
  private client(target: RemoteAgentTarget, timeoutMs?: number): RemoteA2AAgent {
    const { credential } = target;
    const guarded = this.fetchImpl;
    const fetchImpl: typeof fetch =
      timeoutMs === undefined
        ? guarded
        : (input, init) => {
            const request = new Request(input, init);
            return guarded(new Request(request, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) }));
          };
    return new RemoteA2AAgent({
      cardUrl: target.cardUrl,
      fetch: fetchImpl,
      credential: credential
        ? {
            scheme: credential.type === 'bearer' ? 'bearer' : 'api-key',
            value: credential.secret,
            ...(credential.headerName ? { headerName: credential.headerName } : {}),
          }
        : null,
    });
  }
}
