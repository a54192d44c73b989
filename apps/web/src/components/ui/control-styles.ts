import { clsx } from 'clsx';

/** Shared look of text inputs, textareas and selects, with the invalid state in red. */
export const controlClasses = (invalid: boolean, className?: string): string =>
  clsx(
    'block w-full rounded-lg border bg-white px-3 text-sm text-slate-900 shadow-xs transition-colors',
    'placeholder:text-slate-400 focus:outline-none focus:ring-3',
    'disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500',
    invalid
      ? 'border-red-400 focus:border-red-500 focus:ring-red-500/15'
      : 'border-slate-300 hover:border-slate-400 focus:border-indigo-500 focus:ring-indigo-500/15',
    className,
  );
