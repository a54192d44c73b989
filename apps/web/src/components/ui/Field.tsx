import type { ReactNode } from 'react';
import { clsx } from 'clsx';

/** Props a Field hands to its control so label, hint and error are wired up for assistive tech. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  id: string;
  label: ReactNode;
  /** Shown under the control in red; also marks the control invalid. */
  error?: string | undefined;
  hint?: ReactNode;
  /** Adds "Optional" next to the label. */
  optional?: boolean;
  /** Keeps the label for assistive tech only, for controls whose context is visible (table-like rows). */
  hideLabel?: boolean;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

export function Field({ id, label, error, hint, optional = false, hideLabel = false, className, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;

  return (
    <div className={clsx('flex flex-col gap-1.5', className)}>
      {/* "Optional" sits outside the label so the control's accessible name is exactly `label`. */}
      <div className={clsx('flex items-baseline justify-between gap-2', hideLabel && 'sr-only')}>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {optional && <span className="text-xs text-slate-400">Optional</span>}
      </div>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error && (
        <p id={errorId} className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}
