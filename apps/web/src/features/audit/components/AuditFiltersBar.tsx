import { AUDIT_ACTIONS, type AuditAction } from '@agent-fleet/contracts';
import { Button } from '../../../components/ui/Button';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { AUDIT_ACTION_LABELS } from '../audit-actions';
import { hasAuditFilters, invalidRange, type AuditFilters } from '../audit-filters';

export interface AuditFiltersBarProps {
  filters: AuditFilters;
  onChange: (patch: Partial<AuditFilters>) => void;
  onClear: () => void;
}

const labelClass = 'text-xs font-medium text-slate-500';

export function AuditFiltersBar({ filters, onChange, onClear }: AuditFiltersBarProps) {
  const badRange = invalidRange(filters);
  return (
    <div className="flex flex-col gap-2 border-b border-slate-200 px-5 py-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,16rem)_minmax(0,11rem)_minmax(0,11rem)_auto] sm:items-end">
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-action" className={labelClass}>
            Action
          </label>
          <Select
            id="audit-action"
            value={filters.action}
            onChange={(event) => onChange({ action: event.target.value as AuditAction | '' })}
          >
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-from" className={labelClass}>
            From
          </label>
          <Input
            id="audit-from"
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(event) => onChange({ from: event.target.value })}
            aria-invalid={badRange || undefined}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-to" className={labelClass}>
            To
          </label>
          <Input
            id="audit-to"
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(event) => onChange({ to: event.target.value })}
            aria-invalid={badRange || undefined}
            aria-describedby={badRange ? 'audit-range-error' : undefined}
          />
        </div>
        {hasAuditFilters(filters) && (
          <Button variant="ghost" onClick={onClear} className="justify-self-start">
            Clear filters
          </Button>
        )}
      </div>
      {badRange && (
        <p id="audit-range-error" className="text-xs font-medium text-red-600">
          “To” is before “From”: pick a range that ends after it starts.
        </p>
      )}
    </div>
  );
}
