import { clsx } from 'clsx';
import { toSplitRows, type DiffLine } from '../../diff-rows';

export type DiffLayout = 'unified' | 'split';

const lineClass = 'block min-h-6 px-3 font-mono text-[12.5px] leading-6 whitespace-pre-wrap break-all no-underline';

/** One line, marked up as an insertion or deletion so assistive tech announces the change too. */
function Line({ line }: { line: DiffLine | null }) {
  if (!line) return <span className={clsx(lineClass, 'bg-slate-50')} aria-hidden="true" />;
  if (line.type === 'added') {
    return (
      <ins className={clsx(lineClass, 'bg-emerald-50 text-emerald-900')} data-diff="added">
        <span className="mr-2 text-emerald-500 select-none" aria-hidden="true">
          +
        </span>
        {line.text}
      </ins>
    );
  }
  if (line.type === 'removed') {
    return (
      <del className={clsx(lineClass, 'bg-red-50 text-red-900')} data-diff="removed">
        <span className="mr-2 text-red-400 select-none" aria-hidden="true">
          −
        </span>
        {line.text}
      </del>
    );
  }
  return (
    <span className={clsx(lineClass, 'text-slate-600')} data-diff="equal">
      <span className="mr-2 text-slate-300 select-none" aria-hidden="true">
        {' '}
      </span>
      {line.text}
    </span>
  );
}

export interface DiffLinesProps {
  lines: readonly DiffLine[];
  layout: DiffLayout;
  /** Names the region, e.g. "Body changes". */
  label: string;
}

/** A line diff, unified (one column) or split (old left, new right). */
export function DiffLines({ lines, layout, label }: DiffLinesProps) {
  if (layout === 'unified') {
    return (
      <div role="region" aria-label={label} className="overflow-hidden rounded-lg border border-slate-200">
        {lines.map((line, index) => (
          <Line key={index} line={line} />
        ))}
      </div>
    );
  }
  return (
    <div role="region" aria-label={label} className="grid grid-cols-2 overflow-hidden rounded-lg border border-slate-200">
      {toSplitRows(lines).map((row, index) => (
        <div key={index} className="contents">
          <div className="min-w-0 border-r border-slate-200">
            <Line line={row.left} />
          </div>
          <div className="min-w-0">
            <Line line={row.right} />
          </div>
        </div>
      ))}
    </div>
  );
}
