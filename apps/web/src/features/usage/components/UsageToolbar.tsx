import { clsx } from 'clsx';
import { Button } from '../../../components/ui/Button';
import { Select } from '../../../components/ui/Select';
import type { FilterOption } from '../usage-options';
import { hasUsageFilters, RANGE_LABELS, USAGE_RANGES, type UsageFilterPatch, type UsageParams } from '../usage-params';

export interface UsageToolbarProps {
  params: UsageParams;
  agents: readonly FilterOption[];
  providers: readonly FilterOption[];
  models: readonly FilterOption[];
  onChange: (patch: UsageFilterPatch) => void;
}

const labelClass = 'text-xs font-medium text-slate-500';

/** Keeps the URL's value selectable even when the option lists do not (or not yet) contain it. */
const withCurrent = (options: readonly FilterOption[], value: string): readonly FilterOption[] =>
  value === '' || options.some((option) => option.value === value) ? options : [{ value, label: value }, ...options];

function FilterSelect(props: {
  id: string;
  label: string;
  all: string;
  value: string;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={props.id} className={labelClass}>
        {props.label}
      </label>
      <Select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">{props.all}</option>
        {withCurrent(props.options, props.value).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** Time range presets and the agent, provider and model filters. */
export function UsageToolbar({ params, agents, providers, models, onChange }: UsageToolbarProps) {
  return (
    <div className="flex flex-col gap-3 rounded-xl bg-white px-5 py-4 shadow-xs ring-1 ring-slate-200 lg:flex-row lg:items-end">
      <div className="flex flex-col gap-1">
        <span id="usage-range-label" className={labelClass}>
          Time range
        </span>
        <div role="group" aria-labelledby="usage-range-label" className="inline-flex rounded-lg bg-slate-100 p-0.5">
          {USAGE_RANGES.map((range) => (
            <button
              key={range}
              type="button"
              aria-pressed={params.range === range}
              title={`Usage of ${RANGE_LABELS[range].long}`}
              onClick={() => onChange({ range })}
              className={clsx(
                'h-8 rounded-md px-3 text-sm font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600',
                params.range === range ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-600 hover:text-slate-900',
              )}
            >
              {RANGE_LABELS[range].short}
            </button>
          ))}
        </div>
      </div>
      <div className="grid flex-1 grid-cols-1 gap-3 sm:grid-cols-3">
        <FilterSelect
          id="usage-agent"
          label="Agent"
          all="All agents"
          value={params.agentId}
          options={agents}
          onChange={(agentId) => onChange({ agentId })}
        />
        <FilterSelect
          id="usage-provider"
          label="Provider"
          all="All providers"
          value={params.provider}
          options={providers}
          // A model belongs to one provider: keeping it would usually match nothing.
          onChange={(provider) => onChange({ provider, model: '' })}
        />
        <FilterSelect
          id="usage-model"
          label="Model"
          all="All models"
          value={params.model}
          options={models}
          onChange={(model) => onChange({ model })}
        />
      </div>
      {hasUsageFilters(params) && (
        <Button
          variant="ghost"
          onClick={() => onChange({ agentId: '', provider: '', model: '' })}
          className="self-start lg:self-end"
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}
