import type { ComponentProps } from 'react';
import { clsx } from 'clsx';

/** Scrolls horizontally on narrow screens instead of squashing columns. */
export function Table({ className, ...rest }: ComponentProps<'table'>) {
  return (
    <div className="overflow-x-auto">
      <table className={clsx('w-full border-separate border-spacing-0 text-left text-sm', className)} {...rest} />
    </div>
  );
}

export function THead({ className, ...rest }: ComponentProps<'thead'>) {
  return <thead className={clsx('bg-slate-50/80', className)} {...rest} />;
}

export function TBody(props: ComponentProps<'tbody'>) {
  return <tbody {...props} />;
}

export function Tr({ className, ...rest }: ComponentProps<'tr'>) {
  return <tr className={clsx('group/row', className)} {...rest} />;
}

export function Th({ className, scope = 'col', ...rest }: ComponentProps<'th'>) {
  return (
    <th
      scope={scope}
      className={clsx(
        'border-b border-slate-200 px-4 py-2.5 text-xs font-medium tracking-wide whitespace-nowrap text-slate-500 uppercase first:pl-5 last:pr-5',
        className,
      )}
      {...rest}
    />
  );
}

export function Td({ className, ...rest }: ComponentProps<'td'>) {
  return (
    <td
      className={clsx(
        'border-b border-slate-100 px-4 py-3 align-middle text-slate-700 transition-colors group-last/row:border-b-0 group-hover/row:bg-slate-50/70 first:pl-5 last:pr-5',
        className,
      )}
      {...rest}
    />
  );
}

/** A row's header cell: looks like a data cell, tells assistive tech what the row is about. */
export function RowTh({ className, ...rest }: ComponentProps<'th'>) {
  return (
    <th
      scope="row"
      className={clsx(
        'border-b border-slate-100 px-4 py-3 text-left align-middle font-medium text-slate-900 transition-colors group-last/row:border-b-0 group-hover/row:bg-slate-50/70 first:pl-5 last:pr-5',
        className,
      )}
      {...rest}
    />
  );
}
