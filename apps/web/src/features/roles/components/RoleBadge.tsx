import { isBuiltInRole } from '@agent-fleet/contracts/constants';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { roleLabel } from '../role-options';

const TONES: Record<string, BadgeTone> = {
  owner: 'indigo',
  admin: 'indigo',
  editor: 'sky',
  operator: 'amber',
  viewer: 'neutral',
};

/** A role name, colored by how much the built-in role may do; custom roles are neutral. */
export function RoleBadge({ role }: { role: string }) {
  return <Badge tone={isBuiltInRole(role) ? (TONES[role] ?? 'neutral') : 'slate'}>{roleLabel(role)}</Badge>;
}
