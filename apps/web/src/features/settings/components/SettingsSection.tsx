import type { ReactNode } from 'react';

export interface SettingsSectionProps {
  title: string;
  description?: ReactNode;
  /** Right-aligned, e.g. the section's main action. */
  actions?: ReactNode;
  children: ReactNode;
}

/** One settings page: its heading, then its cards and tables. */
export function SettingsSection({ title, description, actions, children }: SettingsSectionProps) {
  return (
    <section className="flex flex-col gap-6 animate-fade-in">
      <title>{`${title} · Settings · Agent Fleet`}</title>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 className="text-lg font-semibold tracking-tight text-slate-900">{title}</h2>
          {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
        </div>
        {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
