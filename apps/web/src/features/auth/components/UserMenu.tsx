import { ChevronDown, KeyRound, LogOut, UserRound } from 'lucide-react';
import { Link } from 'react-router';
import { Avatar } from '../../../components/ui/Avatar';
import { Badge } from '../../../components/ui/Badge';
import { menuItemClasses } from '../../../components/ui/menu-styles';
import { Popover } from '../../../components/ui/Popover';
import { roleLabel } from '../../roles/role-options';
import { usePermission } from '../usePermission';
import { useAuth } from '../useAuth';

/** The signed-in person: who they are, where their settings live, and the way out. */
export function UserMenu() {
  const { user, membership, signOut } = useAuth();
  const canSeeKeys = usePermission('api-keys:read');
  if (!user) return null;

  return (
    <Popover
      triggerClassName="flex items-center gap-2 rounded-full py-0.5 pr-1.5 pl-0.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 aria-expanded:bg-slate-100"
      trigger={
        <>
          <Avatar name={user.name} className="size-7" />
          <span className="sr-only max-w-40 truncate md:not-sr-only">{user.name}</span>
          <ChevronDown className="hidden size-4 text-slate-400 md:block" aria-hidden="true" />
        </>
      }
    >
      {(close) => (
        <>
          <div className="flex items-start gap-3 border-b border-slate-100 px-2.5 pt-1.5 pb-3">
            <Avatar name={user.name} className="size-9" />
            <div className="min-w-0">
              <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
              <p className="truncate text-xs text-slate-500">{user.email}</p>
              {membership && (
                <Badge tone="indigo" className="mt-1.5">
                  {roleLabel(membership.role)} · {membership.workspaceName}
                </Badge>
              )}
            </div>
          </div>
          <div className="flex flex-col gap-0.5 py-1.5">
            <Link to="/settings/profile" onClick={close} className={menuItemClasses}>
              <UserRound aria-hidden="true" />
              Profile
            </Link>
            {canSeeKeys && (
              <Link to="/settings/api-keys" onClick={close} className={menuItemClasses}>
                <KeyRound aria-hidden="true" />
                API keys
              </Link>
            )}
          </div>
          <div className="border-t border-slate-100 pt-1.5">
            <button type="button" onClick={() => void signOut()} className={menuItemClasses}>
              <LogOut aria-hidden="true" />
              Sign out
            </button>
          </div>
        </>
      )}
    </Popover>
  );
}
