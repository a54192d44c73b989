import type { Permission } from '@agent-fleet/contracts';
import { KeyRound, LockKeyhole, PlugZap, ScrollText, ShieldCheck, UserRound, Users, type LucideIcon } from 'lucide-react';
import { NavLink } from 'react-router';
import { clsx } from 'clsx';
import { useAuth } from '../../auth/useAuth';
import { usePermissions } from '../../auth/usePermission';

interface SettingsLink {
  to: string;
  label: string;
  Icon: LucideIcon;
  /** Shown only to roles holding it. */
  permission?: Permission;
}

const ACCOUNT: SettingsLink[] = [
  { to: '/settings/profile', label: 'Profile', Icon: UserRound },
  { to: '/settings/password', label: 'Password', Icon: LockKeyhole },
  { to: '/settings/api-keys', label: 'API keys', Icon: KeyRound, permission: 'api-keys:read' },
];

const WORKSPACE: SettingsLink[] = [
  { to: '/settings/members', label: 'Members', Icon: Users, permission: 'members:read' },
  { to: '/settings/roles', label: 'Roles', Icon: ShieldCheck, permission: 'members:read' },
  { to: '/settings/providers', label: 'Providers', Icon: PlugZap, permission: 'settings:read' },
  { to: '/settings/audit-log', label: 'Audit log', Icon: ScrollText, permission: 'audit:read' },
];

const linkClass = ({ isActive }: { isActive: boolean }) =>
  clsx(
    'flex items-center gap-2.5 rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors',
    isActive
      ? 'bg-white text-indigo-700 shadow-xs ring-1 ring-slate-200'
      : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
  );

function Group({ title, links }: { title: string; links: SettingsLink[] }) {
  if (links.length === 0) return null;
  return (
    <div className="flex flex-col gap-1 lg:gap-0.5">
      <p className="hidden truncate px-3 pb-1.5 text-[11px] font-semibold tracking-wider text-slate-400 uppercase lg:block">
        {title}
      </p>
      <ul className="flex gap-1 lg:flex-col lg:gap-0.5">
        {links.map(({ to, label, Icon }) => (
          <li key={to}>
            <NavLink to={to} className={linkClass}>
              <Icon className="size-4 shrink-0 opacity-80" aria-hidden="true" />
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Sections of settings the current role may open; a row that scrolls on small screens. */
export function SettingsNav() {
  const can = usePermissions();
  const { membership } = useAuth();
  const visible = (links: SettingsLink[]) => links.filter((link) => !link.permission || can(link.permission));
  return (
    <nav aria-label="Settings" className="-mx-4 overflow-x-auto px-4 lg:mx-0 lg:w-52 lg:shrink-0 lg:overflow-visible lg:px-0">
      <div className="flex gap-1 lg:sticky lg:top-20 lg:flex-col lg:gap-6">
        <Group title="Account" links={visible(ACCOUNT)} />
        <Group title={membership?.workspaceName ?? 'Workspace'} links={visible(WORKSPACE)} />
      </div>
    </nav>
  );
}
