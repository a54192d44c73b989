import type { Agent, AgentCreateInput, AgentRemoteInput, RemoteHealth } from '@agent-fleet/contracts';
import type { StoredAgentInput } from './agent-repository.js';
import { AppError } from '../app-error.js';
import type { SecretBox } from '../security/secret-box.js';

/** An a2a agent's remote as stored: card URL and credential scheme; the secret is kept apart, encrypted. */
export interface StoredAgentRemote {
  cardUrl: string;
  credential: { type: 'bearer' | 'apiKey'; headerName: string | null } | null;
}

/** Where a remote agent is and how to authenticate to it, its secret decrypted: handed to the port only. */
export interface RemoteAgentTarget {
  cardUrl: string;
  credential: { type: 'bearer' | 'apiKey'; headerName: string | null; secret: string } | null;
}

/**
 * The remote A2A agents port: the server provides it with the SDK's client through the guarded fetch.
 * `send` throws AppError `outbound_refused` when the address is refused (not retryable) and
 * `provider_error` when the remote is unreachable, down or its task did not complete (retryable).
 */
export interface RemoteAgents {
  send(target: RemoteAgentTarget, text: string, options: { signal: AbortSignal }): Promise<{ text: string }>;
  health(target: RemoteAgentTarget): Promise<RemoteHealth>;
}

/** Storage of a remote agent's secret and health, beside the agents repository. */
export interface RemoteAgentStore {
  findRemoteSecret(workspaceId: string, agentId: string): Promise<string | null>;
  recordRemoteHealth(workspaceId: string, agentId: string, health: RemoteHealth): Promise<void>;
  /** Every a2a agent of every workspace (for the periodic health check). */
  listRemoteAgents(): Promise<Agent[]>;
}

/** The sealed remote secrets, for a secrets key rotation (beside the agents repository too). */
export interface RemoteSecretStore {
  /** Every stored remote secret, sealed, of every workspace. */
  listRemoteSecrets(): Promise<{ workspaceId: string; agentId: string; sealed: string }[]>;
  /** Replaces a sealed secret only if it is still `from` (an edit meanwhile wins); false otherwise. */
  replaceRemoteSecret(workspaceId: string, agentId: string, from: string, to: string): Promise<boolean>;
}

/** How often every a2a agent's card is checked (`agent-fleet serve`). */
export const REMOTE_HEALTH_INTERVAL_MS = 30_000;

/** The placeholder model an a2a agent carries in the DTO: its model is the remote's. */
export const remoteModel = (cardUrl: string) => ({ provider: 'a2a', model: new URL(cardUrl).host, fallbacks: [] });

/** The encryption context of an agent's remote secret: a ciphertext copied to another row does not decrypt. */
export const remoteSecretContext = (workspaceId: string, agentId: string) => `agent-remote:${workspaceId}:${agentId}`;

/**
 * Re-encrypts every stored remote secret written with an older secrets key (after SECRETS_KEY changed and
 * the old one moved to SECRETS_KEY_PREVIOUS), as provider keys are. Returns how many were rewritten.
 */
export async function rotateRemoteSecrets(store: RemoteSecretStore, secrets: SecretBox): Promise<number> {
  let rotated = 0;
  for (const { workspaceId, agentId, sealed } of await store.listRemoteSecrets()) {
    if (!secrets.isStale(sealed)) continue;
    const context = remoteSecretContext(workspaceId, agentId);
    const resealed = secrets.encrypt(secrets.decrypt(sealed, context), context);
    if (await store.replaceRemoteSecret(workspaceId, agentId, sealed, resealed)) rotated += 1;
  }
  return rotated;
}

/** What to store of a remote input, and what happens to the secret (`undefined`: keep it). */
export function storedRemote(
  input: AgentRemoteInput,
  previous: StoredAgentRemote | null,
): { remote: StoredAgentRemote; secret: string | null | undefined } {
  const credential = input.credential;
  const remote: StoredAgentRemote = {
    cardUrl: input.cardUrl,
    credential: credential ? { type: credential.type, headerName: credential.headerName ?? null } : null,
  };
  if (!credential) return { remote, secret: null };
  if (credential.secret !== undefined) return { remote, secret: credential.secret };
  // A stored secret belongs to the origin it was entered for: another origin drops it (as a provider's key).
  const sameOrigin = previous !== null && new URL(previous.cardUrl).origin === new URL(input.cardUrl).origin;
  return { remote, secret: sameOrigin ? undefined : null };
}

export interface RemoteAgentServiceOptions {
  store: RemoteAgentStore;
  remotes: RemoteAgents;
  secrets: SecretBox;
}

/**
 * Runs tasks of a2a agents and keeps their health: decrypts the secret only to hand it to the port,
 * records an unreachable remote as offline at once (then the next check, or the next success, updates it).
 */
export class RemoteAgentService {
  private checking: Promise<number> | null = null;

  constructor(private readonly options: RemoteAgentServiceOptions) {}

  /** Sends the task's input as the message; the remote's answer is the task's text. */
  async run(workspaceId: string, agent: Agent, input: string, signal: AbortSignal): Promise<string> {
    const target = await this.target(workspaceId, agent);
    try {
      const reply = await this.options.remotes.send(target, input, { signal });
      return reply.text;
    } catch (error) {
      if (error instanceof AppError && error.code === 'provider_error' && !signal.aborted) {
        await this.check(workspaceId, agent).catch(() => undefined);
      }
      throw error;
    }
  }

  /** Checks the agent's card now and records what was seen. */
  async check(workspaceId: string, agent: Agent): Promise<RemoteHealth> {
    const health = await this.options.remotes.health(await this.target(workspaceId, agent));
    await this.options.store.recordRemoteHealth(workspaceId, agent.id, health);
    return health;
  }

  /**
   * Checks every a2a agent; one failing check never stops the others. Returns how many were checked. A
   * call while a round is still running joins it, so slow remotes never pile rounds up.
   */
  checkAll(): Promise<number> {
    this.checking ??= this.checkRound().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async checkRound(): Promise<number> {
    const agents = await this.options.store.listRemoteAgents();
    for (const agent of agents) await this.check(agent.workspaceId, agent).catch(() => undefined);
    return agents.length;
  }

  private async target(workspaceId: string, agent: Agent): Promise<RemoteAgentTarget> {
    if (!agent.remote) throw new AppError('internal_error', `${agent.name} is an a2a agent without a remote`);
    const { cardUrl, credential } = agent.remote;
    if (!credential) return { cardUrl, credential: null };
    const sealed = await this.options.store.findRemoteSecret(workspaceId, agent.id);
    if (sealed === null) return { cardUrl, credential: null };
    const secret = this.options.secrets.decrypt(sealed, remoteSecretContext(workspaceId, agent.id));
    return { cardUrl, credential: { type: credential.type, headerName: credential.headerName, secret } };
  }
}

/** A model agent's create input as stored (tests and fixtures that insert through the repository). */
export function storedModelAgent(input: AgentCreateInput): StoredAgentInput {
  const { model, remote: _remote, ...fields } = input;
  if (!model) throw new AppError('validation_failed', 'A model agent needs a model');
  return { ...fields, model, remote: null, remoteSecretCiphertext: null };
}
