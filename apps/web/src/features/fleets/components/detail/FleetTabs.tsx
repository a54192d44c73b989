import { clsx } from 'clsx';
import { useRef, type KeyboardEvent } from 'react';

export type FleetTab = 'overview' | 'tasks' | 'monitoring';

const TABS: readonly { id: FleetTab; label: string }[] = [
  { id: 'overview', label: 'Members & settings' },
  { id: 'tasks', label: 'Tasks' },
  { id: 'monitoring', label: 'Monitoring' },
];

/** The id of a tab's panel, for `aria-labelledby`/`aria-controls`. */
export const tabPanelId = (tab: FleetTab) => `fleet-tab-panel-${tab}`;
export const tabId = (tab: FleetTab) => `fleet-tab-${tab}`;

export interface FleetTabsProps {
  current: FleetTab;
  onChange: (tab: FleetTab) => void;
}

/** The fleet page's views; arrow keys move between them, as for any tab list. */
export function FleetTabs({ current, onChange }: FleetTabsProps) {
  const refs = useRef<Partial<Record<FleetTab, HTMLButtonElement | null>>>({});
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const index = TABS.findIndex((tab) => tab.id === current);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    onChange(next.id);
    refs.current[next.id]?.focus();
  };
  return (
    <div role="tablist" aria-label="Fleet" onKeyDown={onKeyDown} className="flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => {
        const selected = tab.id === current;
        return (
          <button
            key={tab.id}
            ref={(element) => {
              refs.current[tab.id] = element;
            }}
            id={tabId(tab.id)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={tabPanelId(tab.id)}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(tab.id)}
            className={clsx(
              '-mb-px cursor-pointer border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-indigo-600',
              selected ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900',
            )}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
