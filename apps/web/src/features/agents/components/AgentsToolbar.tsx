import {
  AGENT_ADMIN_STATES,
  AGENT_OBSERVED_STATES,
  AGENT_SORTS,
  type AgentAdminState,
  type AgentObservedState,
  type AgentSort,
} from '@agent-fleet/contracts';
import { Tag, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '../../../components/ui/Button';
import { Select } from '../../../components/ui/Select';
import { AGENT_ADMIN_STATE_META, AGENT_OBSERVED_STATE_META } from '../agent-admin-state';
import type { FilterPatch } from '../hooks/useAgentListParams';
import { hasActiveFilters, SORT_LABELS, type AgentListParams } from '../list-params';

export interface AgentsToolbarProps {
  params: AgentListParams;
  onChange: (patch: FilterPatch, options?: { replace?: boolean }) => void;
  /** Rendered first: the search box, which owns its own debounced state. */
  search: ReactNode;
  /** False while the empty state offers its own "Clear filters", so there is only one. */
  showClear?: boolean;
}

const MULTIPLE = '__multiple';

interface StateFilterProps<T extends string> {
  id: string;
  label: string;
  allLabel: string;
  states: readonly T[];
  meta: Record<T, { label: string }>;
  value: T[];
  onChange: (value: T[]) => void;
}

/** One state at a time; a list from a shared link (`?observedState=idle,busy`) shows as one disabled option. */
function StateFilter<T extends string>({ id, label, allLabel, states, meta, value, onChange }: StateFilterProps<T>) {
  const selected = value.length === 0 ? '' : value.length === 1 ? value[0] : MULTIPLE;
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Select
        id={id}
        value={selected}
        onChange={(event) => onChange(event.target.value === '' ? [] : [event.target.value as T])}
        className="sm:w-40"
      >
        <option value="">{allLabel}</option>
        {states.map((state) => (
          <option key={state} value={state}>
            {meta[state].label}
          </option>
        ))}
        {selected === MULTIPLE && (
          <option value={MULTIPLE} disabled>
            {value.map((state) => meta[state].label).join(', ')}
          </option>
        )}
      </Select>
    </div>
  );
}

export function AgentsToolbar({ params, onChange, search, showClear = true }: AgentsToolbarProps) {
  return (
    <div className="flex flex-col gap-3 border-b border-slate-200 px-5 py-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        {search}
        <div className="grid flex-1 grid-cols-2 gap-3 sm:flex sm:justify-end">
          <StateFilter<AgentObservedState>
            id="agent-observed-state-filter"
            label="Observed state"
            allLabel="Any activity"
            states={AGENT_OBSERVED_STATES}
            meta={AGENT_OBSERVED_STATE_META}
            value={params.observedState}
            onChange={(observedState) => onChange({ observedState })}
          />
          <StateFilter<AgentAdminState>
            id="agent-admin-state-filter"
            label="Admin state"
            allLabel="Any admin state"
            states={AGENT_ADMIN_STATES}
            meta={AGENT_ADMIN_STATE_META}
            value={params.adminState}
            onChange={(adminState) => onChange({ adminState })}
          />
          <div>
            <label htmlFor="agent-sort" className="sr-only">
              Sort
            </label>
            <Select
              id="agent-sort"
              value={params.sort}
              onChange={(event) => onChange({ sort: event.target.value as AgentSort })}
              className="sm:w-52"
            >
              {AGENT_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  Sort: {SORT_LABELS[sort]}
                </option>
              ))}
            </Select>
          </div>
        </div>
      </div>

      {hasActiveFilters(params) && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {params.skill !== '' && (
            <span className="inline-flex items-center gap-1.5 rounded-full bg-indigo-50 py-0.5 pr-1 pl-2.5 text-xs font-medium text-indigo-700 ring-1 ring-indigo-200 ring-inset">
              <Tag className="size-3" aria-hidden="true" />
              Skill: <span className="font-mono">{params.skill}</span>
              <button
                type="button"
                onClick={() => onChange({ skill: '' })}
                className="rounded-full p-0.5 hover:bg-indigo-100"
                aria-label="Remove skill filter"
              >
                <X className="size-3" aria-hidden="true" />
              </button>
            </span>
          )}
          {showClear && (
            <Button variant="ghost" size="sm" onClick={() => onChange({ q: '', observedState: [], adminState: [], skill: '' })}>
              Clear filters
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
