import type { Permission } from '@agent-fleet/contracts';
import {
  ChartColumn,
  BookOpen,
  Bot,
  ExternalLink,
  FileText,
  Inbox,
  LayoutDashboard,
  Network,
  PlayCircle,
  Settings,
  Workflow,
  type LucideIcon,
} from 'lucide-react';
import { NavLink } from 'react-router';
import { clsx } from 'clsx';
import { usePermissions } from '../features/auth/usePermission';
import { WorkspaceSwitcher } from '../features/workspaces/components/WorkspaceSwitcher';
import { LogoMark } from './LogoMark';

interface NavItem {
  to: string;
  label: string;
  Icon: LucideIcon;
  /** Shown only to roles holding it; the page itself enforces the same. */
  permission?: Permission;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Overview', Icon: LayoutDashboard, permission: 'agents:read' },
  { to: '/agents', label: 'Agents', Icon: Bot },
  { to: '/fleets', label: 'Fleets', Icon: Network, permission: 'fleets:read' },
  { to: '/prompts', label: 'Prompts', Icon: FileText },
  { to: '/pipelines', label: 'Pipelines', Icon: Workflow, permission: 'pipelines:read' },
  { to: '/runs', label: 'Runs', Icon: PlayCircle, permission: 'runs:read' },
  { to: '/approvals', label: 'Approvals', Icon: Inbox, permission: 'runs:read' },
  { to: '/usage', label: 'Usage', Icon: ChartColumn, permission: 'settings:read' },
  { to: '/settings', label: 'Settings', Icon: Settings },
];

const itemClass = 'group flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors';

/** Logo, workspace, main navigation and resources; shared by the desktop sidebar and the mobile drawer. */
export function SidebarContent({ onNavigate }: { onNavigate?: () => void }) {
  const can = usePermissions();
  const items = NAV_ITEMS.filter((item) => !item.permission || can(item.permission));
  return (
    <div className="flex h-full w-full flex-col bg-slate-900 px-4 py-5">
      <NavLink to="/agents" onClick={onNavigate} className="mb-6 flex items-center gap-2.5 px-2">
        <LogoMark />
        <span className="text-[15px] font-semibold tracking-tight text-white">Agent Fleet</span>
      </NavLink>

      <div className="mb-6">
        <WorkspaceSwitcher onNavigate={onNavigate} />
      </div>

      <nav aria-label="Main" className="flex flex-1 flex-col">
        <ul className="flex flex-col gap-1">
          {items.map(({ to, label, Icon }) => (
            <li key={to}>
              <NavLink
                to={to}
                end={to === '/'}
                onClick={onNavigate}
                className={({ isActive }) =>
                  clsx(itemClass, isActive ? 'bg-white/10 text-white' : 'text-slate-400 hover:bg-white/5 hover:text-white')
                }
              >
                <Icon className="size-4.5 shrink-0" aria-hidden="true" />
                {label}
              </NavLink>
            </li>
          ))}
        </ul>

        <div className="mt-auto">
          <p className="px-3 pb-2 text-[11px] font-semibold tracking-wider text-slate-500 uppercase">Resources</p>
          <a
            href="/api/docs"
            target="_blank"
            rel="noreferrer"
            className={clsx(itemClass, 'text-slate-400 hover:bg-white/5 hover:text-white')}
          >
            <BookOpen className="size-4.5 shrink-0" aria-hidden="true" />
            API docs
            <ExternalLink className="ml-auto size-3.5 opacity-0 transition-opacity group-hover:opacity-100" aria-hidden="true" />
            <span className="sr-only">(opens in a new tab)</span>
          </a>
        </div>
      </nav>
    </div>
  );
}
