import type { AgentAdminState, AgentStateChange, PageTotal } from '@agent-fleet/contracts';
import type { CursorPosition } from '../cursor.js';

/** An agent's admin state as stored; an agent without one is `active`. */
export interface StoredAdminState {
  adminState: AgentAdminState;
  /** While draining with a timeout: when it pauses regardless of work in flight. */
  drainDeadline: string | null;
}

export type AgentStateChangeInput = Omit<AgentStateChange, 'id' | 'createdAt'> & { workspaceId: string };

/** Storage of agents' admin states and their history. Scoped to one workspace, but for the drain sweep. */
export interface AgentLifecycleRepository {
  /** The agent's admin state, without locking anything. */
  findAdminState(workspaceId: string, agentId: string): Promise<StoredAdminState>;
  /** The agent's admin state, locking it until the transaction ends so two changes do not interleave. */
  lockAdminState(workspaceId: string, agentId: string): Promise<StoredAdminState>;
  setAdminState(workspaceId: string, agentId: string, state: StoredAdminState): Promise<void>;
  insertChange(change: AgentStateChangeInput): Promise<AgentStateChange>;
  /** Newest first: up to `limit + 1` changes after the cursor. */
  listChanges(
    workspaceId: string,
    agentId: string,
    options: { limit: number; after?: CursorPosition },
  ): Promise<{ items: AgentStateChange[] } & PageTotal>;
  /** How many of the agent's tasks are running (rows, so every process's tasks count). */
  countInFlight(workspaceId: string, agentId: string): Promise<number>;
  /** Every draining agent of every workspace, for the sweep. */
  listDraining(): Promise<{ workspaceId: string; agentId: string }[]>;
}
