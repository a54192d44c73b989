import type { LucideIcon } from 'lucide-react';
import { Button } from './Button';
import { Td } from './Table';

export interface RowAction {
  label: string;
  icon: LucideIcon;
  onSelect: () => void;
  /** Destructive (delete, revoke): shown in red. */
  danger?: boolean;
  loading?: boolean;
  disabled?: boolean;
  /** Only the icon shows; `label` is its accessible name, `title` (default `label`) its tooltip. */
  iconOnly?: boolean;
  title?: string;
}

export interface RowActionsProps {
  /** The id of the element that names the row, so each button reads as "Delete, support-bot". */
  describedBy: string;
  /** What the caller may do with the row; false, null and undefined entries (not allowed here) are left out. */
  actions: readonly (RowAction | false | null | undefined)[];
}

/** A table row's actions cell: small buttons at the row's end, stacking rather than widening the table. */
export function RowActions({ describedBy, actions }: RowActionsProps) {
  const shown = actions.filter((action): action is RowAction => Boolean(action));
  return (
    <Td actions className="w-px whitespace-nowrap">
      {shown.length > 0 && (
        <div className="flex flex-wrap justify-end gap-0.5">
          {shown.map(({ label, icon: Icon, onSelect, danger, loading, disabled, iconOnly, title }) => (
            <Button
              key={label}
              size={iconOnly ? 'icon' : 'sm'}
              variant={danger ? 'danger-ghost' : 'ghost'}
              aria-label={iconOnly ? label : undefined}
              title={iconOnly ? (title ?? label) : title}
              aria-describedby={describedBy}
              loading={loading}
              disabled={disabled}
              onClick={onSelect}
              icon={iconOnly ? undefined : <Icon className="size-3.5" aria-hidden="true" />}
            >
              {iconOnly ? <Icon className="size-4" aria-hidden="true" /> : label}
            </Button>
          ))}
        </div>
      )}
    </Td>
  );
}
