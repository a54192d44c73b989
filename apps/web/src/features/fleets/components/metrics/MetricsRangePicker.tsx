import { clsx } from 'clsx';
import { useId } from 'react';
import { METRICS_RANGE_SPEC, METRICS_RANGES, type MetricsRange } from '../../metrics-api';

export interface MetricsRangePickerProps {
  value: MetricsRange;
  onChange: (range: MetricsRange) => void;
}

/** 1 h, 24 h, 7 d or 30 d, as a group of toggle buttons. */
export function MetricsRangePicker({ value, onChange }: MetricsRangePickerProps) {
  const labelId = useId();
  return (
    <div className="flex items-center gap-2">
      <span id={labelId} className="text-xs font-medium text-slate-500">
        Time range
      </span>
      <div role="group" aria-labelledby={labelId} className="inline-flex rounded-lg bg-slate-100 p-0.5">
        {METRICS_RANGES.map((range) => (
          <button
            key={range}
            type="button"
            aria-pressed={value === range}
            title={`Figures of ${METRICS_RANGE_SPEC[range].label}`}
            onClick={() => onChange(range)}
            className={clsx(
              'cursor-pointer rounded-md px-2.5 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600',
              value === range ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-600 hover:text-slate-900',
            )}
          >
            {range}
          </button>
        ))}
      </div>
    </div>
  );
}
