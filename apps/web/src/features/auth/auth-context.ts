import type { Login, Me, Membership, Signup, User } from '@agent-fleet/contracts';
import { createContext } from 'react';

export type AuthStatus =
  /** Asking the server whether the refresh cookie still holds a session. */
  | 'restoring'
  /** The server could not be reached while restoring; nothing is known yet. */
  | 'unavailable'
  | 'signed-out'
  | 'signed-in';

/** Why the user is signed out: `expired` when the session ended underneath them. */
export type SignedOutReason = 'expired' | 'signed-out' | null;

export interface AuthContextValue {
  status: AuthStatus;
  signedOutReason: SignedOutReason;
  /** Why restoring failed, while `status` is 'unavailable'. */
  error: unknown;
  user: User | null;
  /** Active memberships: the workspaces the user can act in, with role and permissions. */
  memberships: readonly Membership[];
  /** The membership of the current workspace; null when signed out or a member of none. */
  membership: Membership | null;
  workspaceId: string | null;
  /** The current access token (in memory only). */
  accessToken: string | null;
  signIn: (credentials: Login) => Promise<void>;
  signUp: (input: Signup) => Promise<void>;
  signOut: () => Promise<void>;
  /** Acts in another workspace: clears every cached query and remembers the choice. */
  switchWorkspace: (workspaceId: string) => void;
  /** Fetches the user and memberships again, e.g. after a profile or membership change. */
  reloadMe: () => Promise<Me>;
  /** Tries restoring the session again after 'unavailable'. */
  retry: () => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);
