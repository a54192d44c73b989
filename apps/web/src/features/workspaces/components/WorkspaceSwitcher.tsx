import { Check, ChevronsUpDown, Plus } from 'lucide-react';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { clsx } from 'clsx';
import { menuItemClasses } from '../../../components/ui/menu-styles';
import { Popover } from '../../../components/ui/Popover';
import { useToast } from '../../../components/ui/useToast';
import { useAuth } from '../../auth/useAuth';
import { roleLabel } from '../../roles/role-options';
import { CreateWorkspaceDialog } from './CreateWorkspaceDialog';
import { WorkspaceMark } from './WorkspaceMark';

/** Pages about one record of a workspace: after switching, their id means nothing. */
const RECORD_PAGE = /^\/agents\/[^/]+/;

/** Which workspace requests act in; lists the user's memberships and creates new workspaces. */
export function WorkspaceSwitcher({ onNavigate }: { onNavigate?: () => void }) {
  const { memberships, membership, switchWorkspace } = useAuth();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  if (!membership) return null;

  const choose = (workspaceId: string, name: string) => {
    if (workspaceId === membership.workspaceId) return;
    switchWorkspace(workspaceId);
    toast.show({ title: `Switched to ${name}` });
    if (RECORD_PAGE.test(location.pathname)) void navigate('/agents');
    onNavigate?.();
  };

  return (
    <>
      <Popover
        align="stretch"
        triggerClassName="flex w-full items-center gap-3 rounded-lg px-2 py-2 text-left ring-1 ring-white/10 transition-colors hover:bg-white/5 focus-visible:outline-2 focus-visible:outline-indigo-400 aria-expanded:bg-white/10"
        trigger={
          <>
            <WorkspaceMark name={membership.workspaceName} />
            <span className="min-w-0 flex-1">
              <span className="sr-only">Workspace:</span>{' '}
              <span className="block truncate text-sm font-medium text-white">{membership.workspaceName}</span>{' '}
              <span className="block truncate text-xs text-slate-400">{roleLabel(membership.role)}</span>
            </span>
            <ChevronsUpDown className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
          </>
        }
      >
        {(close) => (
          <>
            <p className="px-2.5 pt-1.5 pb-1 text-[11px] font-semibold tracking-wider text-slate-400 uppercase">Workspaces</p>
            <ul className="flex max-h-72 flex-col gap-0.5 overflow-y-auto">
              {memberships.map((item) => {
                const current = item.workspaceId === membership.workspaceId;
                return (
                  <li key={item.workspaceId}>
                    <button
                      type="button"
                      aria-current={current || undefined}
                      onClick={() => {
                        close();
                        choose(item.workspaceId, item.workspaceName);
                      }}
                      className={clsx(menuItemClasses, current && 'bg-indigo-50/60')}
                    >
                      <WorkspaceMark name={item.workspaceName} tone="light" />
                      <span className="min-w-0 flex-1">
                        <span className="block truncate font-medium text-slate-900">{item.workspaceName}</span>{' '}
                        <span className="block truncate text-xs text-slate-500">{roleLabel(item.role)}</span>
                      </span>
                      {current && <Check className="text-indigo-600!" aria-hidden="true" />}
                    </button>
                  </li>
                );
              })}
            </ul>
            <div className="mt-1 border-t border-slate-100 pt-1">
              <button
                type="button"
                onClick={() => {
                  close();
                  setCreating(true);
                }}
                className={menuItemClasses}
              >
                <Plus aria-hidden="true" />
                Create workspace
              </button>
            </div>
          </>
        )}
      </Popover>
      <CreateWorkspaceDialog
        open={creating}
        onClose={() => {
          setCreating(false);
          onNavigate?.();
        }}
      />
    </>
  );
}
