import type { ReactNode } from 'react';
import { Button } from '../../../../components/ui/Button';
import { Select } from '../../../../components/ui/Select';
import { EMPTY_FILTERS, hasPromptFilters, type PromptFilterPatch, type PromptListParams } from '../../list-params';
import { sortLabels } from '../shared/PromptLabelBadges';

export interface PromptLibraryToolbarProps {
  params: PromptListParams;
  /** Tags and labels present in the library, for the filter menus. */
  tags: readonly string[];
  labels: readonly string[];
  onChange: (patch: PromptFilterPatch) => void;
  /** Rendered first: the search box, which owns its own debounced state. */
  search: ReactNode;
  /** False while the empty state offers its own "Clear filters", so there is only one. */
  showClear?: boolean;
}

/** A filter from the URL stays selectable even when no template has that value any more. */
const withCurrent = (values: readonly string[], current: string) =>
  current === '' || values.includes(current) ? values : [...values, current];

export function PromptLibraryToolbar({ params, tags, labels, onChange, search, showClear = true }: PromptLibraryToolbarProps) {
  return (
    <div className="flex flex-col gap-3 border-b border-slate-200 px-5 py-4 sm:flex-row sm:items-center">
      {search}
      <div className="grid flex-1 grid-cols-2 gap-3 sm:flex sm:items-center sm:justify-end">
        <div>
          <label htmlFor="prompt-tag-filter" className="sr-only">
            Tag
          </label>
          <Select
            id="prompt-tag-filter"
            value={params.tag}
            onChange={(event) => onChange({ tag: event.target.value })}
            className="sm:w-40"
          >
            <option value="">All tags</option>
            {withCurrent(tags, params.tag).map((tag) => (
              <option key={tag} value={tag}>
                #{tag}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="prompt-label-filter" className="sr-only">
            Label
          </label>
          <Select
            id="prompt-label-filter"
            value={params.label}
            onChange={(event) => onChange({ label: event.target.value })}
            className="sm:w-44"
          >
            <option value="">Any label</option>
            {sortLabels(withCurrent(labels, params.label)).map((label) => (
              <option key={label} value={label}>
                Label: {label}
              </option>
            ))}
          </Select>
        </div>
        {showClear && hasPromptFilters(params) && (
          <Button variant="ghost" onClick={() => onChange(EMPTY_FILTERS)} className="col-span-2 sm:col-span-1">
            Clear filters
          </Button>
        )}
      </div>
    </div>
  );
}
