import type { ReactNode } from 'react';
import { clsx } from 'clsx';

export type BadgeTone = 'neutral' | 'indigo' | 'green' | 'amber' | 'red' | 'sky' | 'slate';

const tones: Record<BadgeTone, { badge: string; dot: string }> = {
  neutral: { badge: 'bg-slate-100 text-slate-700 ring-slate-200', dot: 'bg-slate-400' },
  slate: { badge: 'bg-slate-100 text-slate-500 ring-slate-200', dot: 'bg-slate-400' },
  indigo: { badge: 'bg-indigo-50 text-indigo-700 ring-indigo-200', dot: 'bg-indigo-500' },
  green: { badge: 'bg-emerald-50 text-emerald-700 ring-emerald-200', dot: 'bg-emerald-500' },
  amber: { badge: 'bg-amber-50 text-amber-800 ring-amber-200', dot: 'bg-amber-500' },
  red: { badge: 'bg-red-50 text-red-700 ring-red-200', dot: 'bg-red-500' },
  sky: { badge: 'bg-sky-50 text-sky-700 ring-sky-200', dot: 'bg-sky-500' },
};

export interface BadgeProps {
  tone?: BadgeTone;
  /** Leading status dot; `pulse` animates it for live states such as "busy". */
  dot?: boolean | 'pulse';
  className?: string;
  children: ReactNode;
}

export function Badge({ tone = 'neutral', dot = false, className, children }: BadgeProps) {
  const style = tones[tone];
  return (
    <span
      className={clsx(
        'inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        style.badge,
        className,
      )}
    >
      {dot && (
        <span className="relative flex size-1.5" aria-hidden="true">
          {dot === 'pulse' && <span className={clsx('absolute inset-0 animate-ping rounded-full opacity-75', style.dot)} />}
          <span className={clsx('relative size-1.5 rounded-full', style.dot)} />
        </span>
      )}
      {children}
    </span>
  );
}
