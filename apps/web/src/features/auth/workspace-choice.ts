import type { Membership } from '@agent-fleet/contracts';
import { preferences } from '../../lib/storage';

const STORAGE_KEY = 'agent-fleet:workspace';

/** The remembered workspace if the user still belongs to it, else their first (oldest) one. */
export function chooseWorkspace(memberships: readonly Membership[], preferred: string | null = preferences.get(STORAGE_KEY)) {
  const remembered = memberships.find((membership) => membership.workspaceId === preferred);
  return (remembered ?? memberships[0])?.workspaceId ?? null;
}

export const rememberWorkspace = (workspaceId: string) => preferences.set(STORAGE_KEY, workspaceId);
