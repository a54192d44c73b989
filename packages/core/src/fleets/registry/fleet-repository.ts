import type {
  Fleet,
  FleetAdminState,
  FleetCreateInput,
  FleetLimits,
  FleetListQuery,
  FleetMember,
  FleetMemberCreateInput,
  FleetMemberUpdateInput,
  FleetStrategy,
  PageTotal,
} from '@agent-fleet/contracts';
import type { CursorPosition } from '../../cursor.js';

export interface FleetListOptions extends Omit<FleetListQuery, 'cursor'> {
  after?: CursorPosition;
}

/** What `insert` stores: the create input with its admin state decided. */
export type FleetInsert = Omit<FleetCreateInput, 'adminState'> & { adminState: FleetAdminState };

/** Stored fields a write replaces whole (`limits` arrives already merged). */
export interface FleetChanges {
  name?: string;
  description?: string;
  strategy?: FleetStrategy;
  adminState?: FleetAdminState;
  maxConcurrency?: number;
  queueLimit?: number;
  limits?: FleetLimits;
}

/**
 * Storage of fleets and their members, scoped to one workspace: rows of others are invisible. Takes
 * db | tx, so a service commits a change and its audit event together.
 */
export interface FleetRepository {
  /** Up to `limit + 1` fleets after the cursor, by name regardless of case. */
  list(workspaceId: string, options: FleetListOptions): Promise<{ items: Fleet[] } & PageTotal>;
  findById(workspaceId: string, id: string): Promise<Fleet | null>;
  /** Throws AppError `name_taken` when the name is used in the workspace (regardless of case). */
  insert(workspaceId: string, input: FleetInsert): Promise<Fleet>;
  /**
   * Applies the changes (none: only the version moves) and bumps the version, holding the fleet's row
   * until the transaction ends, so member changes of one fleet take turns. Returns null when the fleet
   * does not exist or its version differs from `expectedVersion` (when given). Throws `name_taken`.
   */
  update(workspaceId: string, id: string, changes: FleetChanges, expectedVersion?: number): Promise<Fleet | null>;
  /** Returns false when the fleet does not exist or its version differs from `expectedVersion`. Members go with it. */
  delete(workspaceId: string, id: string, expectedVersion?: number): Promise<boolean>;
  /**
   * The fleet's members, oldest first. `allowedDelegates` lists only agents that are still members
   * (an agent deleted meanwhile has left every fleet by cascade).
   */
  listMembers(workspaceId: string, fleetId: string): Promise<FleetMember[]>;
  /** Throws AppError `validation_failed` when the agent is gone (deleted meanwhile). */
  insertMember(workspaceId: string, fleetId: string, input: FleetMemberCreateInput): Promise<void>;
  /** Returns false when the agent is not a member. */
  updateMember(workspaceId: string, fleetId: string, agentId: string, changes: FleetMemberUpdateInput): Promise<boolean>;
  /** Removes the member, and removes it from the other members' `allowedDelegates`. False when it was not one. */
  deleteMember(workspaceId: string, fleetId: string, agentId: string): Promise<boolean>;
}
