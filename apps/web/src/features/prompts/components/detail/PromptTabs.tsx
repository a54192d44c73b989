import { FlaskConical, History, PencilLine, Tags, Workflow, type LucideIcon } from 'lucide-react';
import { NavLink } from 'react-router';
import { clsx } from 'clsx';

const TABS: { path: string; label: string; Icon: LucideIcon }[] = [
  { path: '', label: 'Editor', Icon: PencilLine },
  { path: 'playground', label: 'Playground', Icon: FlaskConical },
  { path: 'history', label: 'History', Icon: History },
  { path: 'labels', label: 'Labels', Icon: Tags },
  { path: 'usage', label: 'Usage', Icon: Workflow },
];

/** The template page's sections; each is its own URL, so a tab can be linked and survives reload. */
export function PromptTabs({ name }: { name: string }) {
  const base = `/prompts/${encodeURIComponent(name)}`;
  return (
    <nav aria-label="Prompt sections" className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="-mb-px flex gap-1">
        {TABS.map(({ path, label, Icon }) => (
          <li key={label}>
            <NavLink
              to={path === '' ? base : `${base}/${path}`}
              end
              className={({ isActive }) =>
                clsx(
                  'flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition-colors',
                  'focus-visible:outline-2 focus-visible:outline-indigo-600',
                  isActive
                    ? 'border-indigo-600 text-indigo-700'
                    : 'border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800',
                )
              }
            >
              <Icon className="size-4" aria-hidden="true" />
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
