import type { Agent, AgentCreateInput, AgentListQuery, AgentModel, AgentUpdateInput } from '@agent-fleet/contracts';
import type { CursorPosition } from '../cursor.js';
import type { StoredAgentRemote } from './remote-agents.js';

export interface AgentListOptions extends Omit<AgentListQuery, 'cursor'> {
  after?: CursorPosition;
}

/** What is stored of an agent: the input with its model settled and its remote's secret sealed (SecretBox). */
export type StoredAgentInput = Omit<AgentCreateInput, 'model' | 'remote'> & {
  /** Given when the id must be known before the row exists (a sealed secret names it). */
  id?: string;
  model: AgentModel;
  remote: StoredAgentRemote | null;
  remoteSecretCiphertext: string | null;
};

export type AgentChanges = Omit<AgentUpdateInput, 'version' | 'kind' | 'remote'> & {
  remote?: StoredAgentRemote | null;
  /** Null removes the secret; absent keeps it. */
  remoteSecretCiphertext?: string | null;
};

/** Storage of agents. Every method is scoped to one workspace: rows of others are invisible. */
export interface AgentRepository {
  /** Up to `limit + 1` agents after the cursor, so the caller can tell whether a next page exists. */
  list(workspaceId: string, options: AgentListOptions): Promise<{ items: Agent[]; total: number }>;
  findById(workspaceId: string, id: string): Promise<Agent | null>;
  findByName(workspaceId: string, name: string): Promise<Agent | null>;
  /** Throws AppError `name_taken` when the name is used in the workspace. */
  insert(workspaceId: string, input: StoredAgentInput): Promise<Agent>;
  /**
   * Applies the changes and bumps the version. Returns null when the agent does not exist or its
   * version differs from `expectedVersion` (when given). Throws `name_taken` like insert.
   */
  update(workspaceId: string, id: string, changes: AgentChanges, expectedVersion?: number): Promise<Agent | null>;
  /** Returns false when the agent does not exist or its version differs from `expectedVersion`. */
  delete(workspaceId: string, id: string, expectedVersion?: number): Promise<boolean>;
}
