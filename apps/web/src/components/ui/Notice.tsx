import { CircleAlert, CircleCheck, Info, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { clsx } from 'clsx';

export type NoticeTone = 'info' | 'success' | 'warning' | 'danger';

const tones: Record<NoticeTone, { box: string; icon: string; Icon: LucideIcon }> = {
  info: { box: 'bg-sky-50 ring-sky-200 text-sky-900', icon: 'text-sky-500', Icon: Info },
  success: { box: 'bg-emerald-50 ring-emerald-200 text-emerald-900', icon: 'text-emerald-500', Icon: CircleCheck },
  warning: { box: 'bg-amber-50 ring-amber-200 text-amber-900', icon: 'text-amber-500', Icon: TriangleAlert },
  danger: { box: 'bg-red-50 ring-red-200 text-red-900', icon: 'text-red-500', Icon: CircleAlert },
};

export interface NoticeProps {
  tone?: NoticeTone;
  title: ReactNode;
  children?: ReactNode;
  /** Buttons shown on the right, e.g. "Reload". */
  actions?: ReactNode;
  className?: string;
}

/** An inline banner. Danger and warning notices are alerts, so they are announced when they appear. */
export function Notice({ tone = 'info', title, children, actions, className }: NoticeProps) {
  const style = tones[tone];
  const urgent = tone === 'danger' || tone === 'warning';
  return (
    <div
      role={urgent ? 'alert' : 'status'}
      className={clsx('flex gap-3 rounded-xl p-4 ring-1 ring-inset animate-fade-in', style.box, className)}
    >
      <style.Icon className={clsx('mt-0.5 size-5 shrink-0', style.icon)} aria-hidden="true" />
      <div className="min-w-0 flex-1 text-sm">
        <p className="font-semibold">{title}</p>
        {children && <div className="mt-1 opacity-90">{children}</div>}
      </div>
      {actions && <div className="flex shrink-0 items-start gap-2">{actions}</div>}
    </div>
  );
}
