import { AGENT_SORTS, AGENT_STATUSES, type AgentSort, type AgentStatus } from '@agent-fleet/contracts';
import { Tag, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '../../../components/ui/Button';
import { Select } from '../../../components/ui/Select';
import { AGENT_STATUS_META } from '../agent-status';
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

export function AgentsToolbar({ params, onChange, search, showClear = true }: AgentsToolbarProps) {
  const statusValue = params.status.length === 0 ? '' : params.status.length === 1 ? params.status[0] : MULTIPLE;
  return (
    <div className="flex flex-col gap-3 border-b border-slate-200 px-5 py-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        {search}
        <div className="grid flex-1 grid-cols-2 gap-3 sm:flex sm:justify-end">
          <div>
            <label htmlFor="agent-status-filter" className="sr-only">
              Status
            </label>
            <Select
              id="agent-status-filter"
              value={statusValue}
              onChange={(event) => onChange({ status: event.target.value === '' ? [] : [event.target.value as AgentStatus] })}
              className="sm:w-40"
            >
              <option value="">All statuses</option>
              {AGENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {AGENT_STATUS_META[status].label}
                </option>
              ))}
              {statusValue === MULTIPLE && (
                <option value={MULTIPLE} disabled>
                  {params.status.map((status) => AGENT_STATUS_META[status].label).join(', ')}
                </option>
              )}
            </Select>
          </div>
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
            <Button variant="ghost" size="sm" onClick={() => onChange({ q: '', status: [], skill: '' })}>
              Clear filters
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
