import { Card } from '../../../components/ui/Card';
import { useAuth } from '../../auth/useAuth';
import { RoleBadge } from '../../roles/components/RoleBadge';
import { ProfileForm } from './ProfileForm';
import { SettingsSection } from './SettingsSection';

export function ProfilePage() {
  const { user, memberships, workspaceId } = useAuth();
  if (!user) return null;
  return (
    <SettingsSection title="Profile" description="How you appear to the other members of your workspaces.">
      <Card title="Personal details">
        <ProfileForm key={user.name} user={user} />
      </Card>
      <Card title="Your workspaces" description="Where you are a member, and your role in each." flush>
        <ul className="divide-y divide-slate-100">
          {memberships.map((membership) => (
            <li key={membership.workspaceId} className="flex items-center justify-between gap-4 px-5 py-3">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium text-slate-900">
                  {membership.workspaceName}
                  {membership.workspaceId === workspaceId && (
                    <span className="ml-2 text-xs font-normal text-slate-500">(current)</span>
                  )}
                </p>
                <p className="truncate font-mono text-xs text-slate-500">{membership.workspaceSlug}</p>
              </div>
              <RoleBadge role={membership.role} />
            </li>
          ))}
        </ul>
      </Card>
    </SettingsSection>
  );
}
