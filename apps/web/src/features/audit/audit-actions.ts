import type { AuditAction } from '@agent-fleet/contracts';
import type { BadgeTone } from '../../components/ui/Badge';

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'auth.signup': 'Signed up',
  'auth.login': 'Signed in',
  'auth.login_failed': 'Failed sign-in',
  'auth.logout': 'Signed out',
  'auth.password_changed': 'Password changed',
  'auth.refresh_reused': 'Refresh token reused',
  'workspace.created': 'Workspace created',
  'member.added': 'Member added',
  'member.removed': 'Member removed',
  'member.role_changed': 'Role changed',
  'member.deactivated': 'Member deactivated',
  'member.reactivated': 'Member reactivated',
  'invitation.created': 'Invitation created',
  'invitation.revoked': 'Invitation revoked',
  'role.created': 'Role created',
  'role.updated': 'Role updated',
  'role.deleted': 'Role deleted',
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'agent.deleted': 'Agent deleted',
  'agent.admin_state_changed': 'Agent paused, drained, disabled or resumed',
  'provider.updated': 'Provider settings changed',
  'provider.deleted': 'Provider settings removed',
  'conversation.deleted': 'Conversation deleted',
  'prompt.deleted': 'Prompt template deleted',
  'prompt.label_moved': 'Prompt label moved',
  'prompt.label_deleted': 'Prompt label removed',
  'pipeline.created': 'Pipeline created',
  'pipeline.version_created': 'Pipeline version saved',
  'pipeline.label_moved': 'Pipeline label moved',
  'pipeline.label_deleted': 'Pipeline label removed',
  'pipeline.deleted': 'Pipeline deleted',
  'fleet.created': 'Fleet created',
  'fleet.updated': 'Fleet updated',
  'fleet.deleted': 'Fleet deleted',
  'fleet.admin_state_changed': 'Fleet paused, drained or resumed',
  'fleet.member_added': 'Fleet member added',
  'fleet.member_updated': 'Fleet member changed',
  'fleet.member_removed': 'Fleet member removed',
  'model_price.updated': 'Model price set',
  'model_price.deleted': 'Model price reset',
};

/** Red for what may be an attack, amber for access taken away, green for access given. */
export function auditActionTone(action: AuditAction): BadgeTone {
  if (action === 'auth.login_failed' || action === 'auth.refresh_reused') return 'red';
  if (/\.(removed|deactivated|revoked|deleted)$/.test(action)) return 'amber';
  if (/\.(signup|created|added|reactivated)$/.test(action)) return 'green';
  return 'neutral';
}
