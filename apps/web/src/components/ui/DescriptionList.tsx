import type { ReactNode } from 'react';
import { clsx } from 'clsx';

export interface DescriptionItem {
  label: string;
  value: ReactNode;
}

/** Label/value pairs; values that are empty show a dash so the layout stays even. */
export function DescriptionList({ items, className }: { items: DescriptionItem[]; className?: string }) {
  return (
    <dl className={clsx('divide-y divide-slate-100', className)}>
      {items.map(({ label, value }) => (
        <div key={label} className="grid grid-cols-5 gap-4 py-2.5 first:pt-0 last:pb-0">
          <dt className="col-span-2 text-sm text-slate-500">{label}</dt>
          <dd className="col-span-3 min-w-0 text-sm break-words text-slate-900">
            {value === '' || value === null || value === undefined ? <span className="text-slate-400">—</span> : value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
