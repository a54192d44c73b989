import type { ReactNode } from 'react';
import { clsx } from 'clsx';

export interface CardProps {
  title?: ReactNode;
  description?: ReactNode;
  /** Right-aligned header content, e.g. a button. */
  actions?: ReactNode;
  className?: string;
  bodyClassName?: string;
  /** No body padding, for lists and tables that run edge to edge. Default false. */
  flush?: boolean;
  children: ReactNode;
}

/** A white panel with an optional header; the building block of forms and detail pages. */
export function Card({ title, description, actions, className, bodyClassName, flush = false, children }: CardProps) {
  return (
    <section className={clsx('rounded-xl bg-white shadow-xs ring-1 ring-slate-200', className)}>
      {(title || actions) && (
        <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
          <div className="min-w-0">
            {title && <h2 className="text-sm font-semibold text-slate-900">{title}</h2>}
            {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
          </div>
          {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
        </header>
      )}
      <div className={clsx(!flush && 'px-5 py-5', bodyClassName)}>{children}</div>
    </section>
  );
}
