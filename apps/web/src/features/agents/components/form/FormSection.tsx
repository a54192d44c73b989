import type { ReactNode } from 'react';

export interface FormSectionProps {
  title: string;
  description: ReactNode;
  children: ReactNode;
}

/** Two columns on wide screens: what the section is about on the left, its fields on the right. */
export function FormSection({ title, description, children }: FormSectionProps) {
  return (
    // Not aria-labelledby: a section named "Model" would share its accessible name with the Model
    // input, and label-based locators (tests, voice control) would become ambiguous.
    <section className="grid grid-cols-1 gap-x-8 gap-y-4 border-b border-slate-200/80 py-8 first:pt-2 last:border-b-0 lg:grid-cols-3">
      <div>
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        <p className="mt-1 text-sm text-slate-500">{description}</p>
      </div>
      <div className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200 lg:col-span-2">{children}</div>
    </section>
  );
}
