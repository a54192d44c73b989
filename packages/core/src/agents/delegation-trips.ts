import type { DelegationTripCode } from './delegation-limits.js';

/** One tripped delegation limit, recorded so trips can be counted per fleet and per agent. */
export interface DelegationTrip {
  code: DelegationTripCode;
  message: string;
  /** The root task of the chain, and the task that asked (or was running) when the limit tripped. */
  rootTaskId: string;
  taskId: string;
  /** The agent that asked, and the agent it asked (null when a root-task limit tripped before a model call). */
  fromAgentId: string;
  toAgentId: string | null;
  /** The fleet whose limits tripped; null for plain agents. */
  fleetId: string | null;
}

/** Where trips are stored (the `delegation_trips` rows). */
export interface DelegationTripRepository {
  insert(workspaceId: string, trip: DelegationTrip): Promise<void>;
}
