import { useLayoutEffect, useRef, type ComponentProps, type MouseEvent } from 'react';
import { clsx } from 'clsx';

/**
 * How much a column matters when space is short. `secondary` columns hide between the phone layout
 * and a wide screen (below 1280 px); `optional` ones until a very wide screen (1536 px). Phones
 * show every column, one per line of the row's card.
 */
export type ColumnPriority = 'primary' | 'secondary' | 'optional';

const PRIORITY_CLASSES: Record<ColumnPriority, string | undefined> = {
  primary: undefined,
  secondary: 'sm:max-xl:hidden',
  optional: 'sm:max-2xl:hidden',
};

interface CellOptions {
  priority?: ColumnPriority;
  /** The row's actions: kept in view at the right edge when the table scrolls, a footer on a card. */
  actions?: boolean;
  /** One line, cut with an ellipsis; the full text shows on hover. */
  truncate?: boolean;
}

/**
 * Labels each cell with its column's header (`data-label`) for the card layout of narrow screens,
 * where the header row is hidden. Runs again whenever rows change.
 */
function labelCells(table: HTMLTableElement) {
  const headers: string[] = [];
  for (const th of table.tHead?.rows[0]?.cells ?? []) {
    // A visually hidden header ("Actions") names no visible label on the card either.
    const visible = th.querySelector('.sr-only') === null;
    const label = visible ? (th.textContent ?? '').trim() : '';
    for (let span = 0; span < th.colSpan; span += 1) headers.push(label);
  }
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      let column = 0;
      for (const cell of row.cells) {
        const label = headers[column] ?? '';
        if (cell.dataset['label'] !== label) cell.dataset['label'] = label;
        column += cell.colSpan;
      }
    }
  }
}

/** Shows the full text of a cut-off (`truncate`) element as its tooltip, once the pointer is on it. */
function titleTruncated(event: MouseEvent<HTMLTableElement>) {
  const target = event.target instanceof Element ? event.target.closest('.truncate') : null;
  if (!(target instanceof HTMLElement) || target.title !== '') return;
  if (target.scrollWidth > target.clientWidth) target.title = (target.textContent ?? '').trim();
}

/**
 * A data table that fits its box: columns by priority, long text cut with the full text on hover, the
 * actions column pinned to the right edge, and below 640 px each row becomes a card (every cell on
 * its own line, labelled with its column) so the page never scrolls sideways. On widths where the
 * table still does not fit, it scrolls inside its own box.
 */
export function Table({ className, onMouseOver, ...rest }: ComponentProps<'table'>) {
  const ref = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    const table = ref.current;
    if (!table) return;
    labelCells(table);
    const observer = new MutationObserver(() => labelCells(table));
    observer.observe(table, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);
  return (
    <div className="overflow-x-auto max-sm:overflow-x-visible">
      <table
        ref={ref}
        onMouseOver={(event) => {
          titleTruncated(event);
          onMouseOver?.(event);
        }}
        className={clsx('w-full border-separate border-spacing-0 text-left text-sm max-sm:block', className)}
        {...rest}
      />
    </div>
  );
}

export function THead({ className, ...rest }: ComponentProps<'thead'>) {
  return <thead className={clsx('bg-slate-50/80 max-sm:sr-only', className)} {...rest} />;
}

export function TBody({ className, ...rest }: ComponentProps<'tbody'>) {
  return <tbody className={clsx('max-sm:block', className)} {...rest} />;
}

export function Tr({ className, ...rest }: ComponentProps<'tr'>) {
  return (
    <tr
      className={clsx(
        'group/row max-sm:flex max-sm:flex-col max-sm:gap-1 max-sm:border-b max-sm:border-slate-100 max-sm:px-4 max-sm:py-3 max-sm:last:border-b-0',
        className,
      )}
      {...rest}
    />
  );
}

const cellClasses = ({ priority = 'primary', actions = false, truncate = false }: CellOptions) =>
  clsx(
    PRIORITY_CLASSES[priority],
    truncate && 'max-w-64 truncate',
    actions &&
      'sticky right-0 z-[1] bg-white/95 shadow-[-8px_0_8px_-8px_rgb(15_23_42/0.12)] backdrop-blur-sm max-sm:static max-sm:bg-transparent max-sm:shadow-none max-sm:backdrop-blur-none',
  );

/** On a card, a data cell is one line: its column's label, then its value. */
const CARD_CELL =
  'max-sm:flex max-sm:max-w-none max-sm:min-w-0 max-sm:items-baseline max-sm:gap-3 max-sm:border-b-0 max-sm:p-0 max-sm:text-left max-sm:whitespace-normal max-sm:[overflow-wrap:anywhere] max-sm:[&_*]:whitespace-normal max-sm:[&>*]:min-w-0 max-sm:first:pl-0 max-sm:last:pr-0 max-sm:before:w-28 max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:font-medium max-sm:before:text-slate-500 max-sm:before:content-[attr(data-label)] max-sm:group-hover/row:bg-transparent';

export function Th({ className, scope = 'col', priority, actions, truncate, ...rest }: ComponentProps<'th'> & CellOptions) {
  return (
    <th
      scope={scope}
      className={clsx(
        'border-b border-slate-200 px-4 py-2.5 text-xs font-medium tracking-wide whitespace-nowrap text-slate-500 uppercase first:pl-5 last:pr-5',
        cellClasses({ priority, actions, truncate }),
        actions && 'bg-slate-50',
        className,
      )}
      {...rest}
    />
  );
}

export function Td({ className, priority, actions, truncate, ...rest }: ComponentProps<'td'> & CellOptions) {
  return (
    <td
      className={clsx(
        'border-b border-slate-100 px-4 py-3 align-middle text-slate-700 transition-colors group-last/row:border-b-0 group-hover/row:bg-slate-50/70 first:pl-5 last:pr-5',
        CARD_CELL,
        actions &&
          'max-sm:w-auto max-sm:justify-end max-sm:[overflow-wrap:normal] max-sm:before:hidden max-sm:[&>div]:opacity-100',
        cellClasses({ priority, actions, truncate }),
        className,
      )}
      {...rest}
    />
  );
}

/** A row's header cell: looks like a data cell, tells assistive tech what the row is about. */
export function RowTh({ className, priority, truncate, ...rest }: ComponentProps<'th'> & Omit<CellOptions, 'actions'>) {
  return (
    <th
      scope="row"
      className={clsx(
        'border-b border-slate-100 px-4 py-3 text-left align-middle font-medium text-slate-900 transition-colors group-last/row:border-b-0 group-hover/row:bg-slate-50/70 first:pl-5 last:pr-5',
        // The card's title: no label, the whole width.
        'max-sm:block max-sm:max-w-none max-sm:min-w-0 max-sm:[overflow-wrap:anywhere] max-sm:border-b-0 max-sm:p-0 max-sm:first:pl-0 max-sm:group-hover/row:bg-transparent',
        cellClasses({ priority, truncate }),
        className,
      )}
      {...rest}
    />
  );
}
