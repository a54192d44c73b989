import type { Role } from '@agent-fleet/contracts';
import { clsx } from 'clsx';
import { pluralize } from '../../../lib/format';
import { roleLabel } from '../role-options';

export interface RoleListProps {
  roles: readonly Role[];
  selected: string;
  onSelect: (name: string) => void;
}

/** The roles of the workspace; choosing one shows its permissions beside the list. */
export function RoleList({ roles, selected, onSelect }: RoleListProps) {
  const builtIn = roles.filter((role) => role.builtIn);
  const custom = roles.filter((role) => !role.builtIn);
  const group = (title: string, items: Role[]) => (
    <div>
      <p className="px-3 pb-1.5 text-[11px] font-semibold tracking-wider text-slate-400 uppercase">{title}</p>
      <ul className="flex flex-col gap-0.5">
        {items.map((role) => {
          const active = role.name === selected;
          return (
            <li key={role.name}>
              <button
                type="button"
                aria-pressed={active}
                onClick={() => onSelect(role.name)}
                className={clsx(
                  'flex w-full items-center justify-between gap-3 rounded-lg px-3 py-2 text-left text-sm transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600',
                  active ? 'bg-indigo-50 text-indigo-800 ring-1 ring-indigo-200' : 'text-slate-700 hover:bg-slate-100',
                )}
              >
                <span className="truncate font-medium">{roleLabel(role.name)}</span>
                <span className={clsx('shrink-0 text-xs', active ? 'text-indigo-600' : 'text-slate-400')}>
                  {pluralize(role.memberCount, 'member')}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
  return (
    <div role="group" aria-label="Choose a role" className="flex flex-col gap-5">
      {group('Built-in', builtIn)}
      {custom.length > 0 ? group('Custom', custom) : <p className="px-3 text-xs text-slate-400">No custom roles yet.</p>}
    </div>
  );
}
