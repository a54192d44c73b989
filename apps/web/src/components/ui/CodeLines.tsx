import { clsx } from 'clsx';
import type { ReactNode } from 'react';
import { CODE_FONT_SIZE, CODE_LINE_HEIGHT, CODE_PADDING_Y } from './code-editor-frame';

/** The line-number column: as wide as the largest number, 20 px at least. */
const numberWidth = (lines: number) => `max(20px, calc(${String(lines).length}ch + 8px))`;
/** The column of diagnostic markers. */
const LINT_WIDTH = '1.4em';

/** Where the text column starts: after both gutter columns and the gutter's 1 px border. */
export const codeTextLeft = (lines: number) => `calc(${numberWidth(lines)} + ${LINT_WIDTH} + 1px)`;

/** The text column's padding, shared with the textarea the editor lays over it. */
export const CODE_TEXT_PADDING = { left: '6px', right: '2px' };

/** How a line of code wraps, in the lines and in the editor's textarea alike. */
export const CODE_WRAP = { whiteSpace: 'break-spaces', wordBreak: 'break-word', overflowWrap: 'anywhere', tabSize: 4 } as const;

export interface LineMarker {
  severity: 'error' | 'warning';
  message: string;
}

export interface CodeLinesProps {
  /** The content of each line, in order. */
  lines: readonly ReactNode[];
  minHeight: string;
  /** The line with the cursor, highlighted. */
  activeLine?: number | null;
  /** Diagnostics by line index, shown in the marker column. */
  markers?: ReadonlyMap<number, readonly LineMarker[]>;
  /** The lines draw what a textarea laid over them holds: hidden from assistive technology. */
  decorative?: boolean;
  /** Laid over the lines (the editor's textarea). */
  children?: ReactNode;
}

/**
 * Code lines with their numbers and a marker column, wrapped at the box width: the code editor's
 * look, shared by the editor (under its textarea) and the placeholder shown while it loads, so the two
 * take the same room line by line.
 */
export function CodeLines({ lines, minHeight, activeLine = null, markers, decorative = false, children }: CodeLinesProps) {
  return (
    <div
      className="relative font-mono"
      style={{ fontSize: CODE_FONT_SIZE, lineHeight: CODE_LINE_HEIGHT, paddingBlock: CODE_PADDING_Y, minHeight }}
    >
      {/* The gutter's background runs the full height. */}
      <div
        aria-hidden="true"
        className="absolute inset-y-0 left-0 border-r border-slate-200 bg-slate-50"
        style={{ width: codeTextLeft(lines.length) }}
      />
      <div aria-hidden={decorative || undefined}>
        {lines.map((line, index) => {
          const marks = markers?.get(index);
          const active = index === activeLine;
          return (
            // A line has no identity but its position.
            <div key={index} data-line={index} className={clsx('relative flex', active && 'bg-indigo-50/60')}>
              <span
                aria-hidden="true"
                className={clsx(
                  'shrink-0 text-right whitespace-nowrap',
                  active ? 'bg-indigo-50 text-slate-600' : 'text-slate-400',
                )}
                style={{ width: numberWidth(lines.length), padding: '0 3px 0 5px' }}
              >
                {index + 1}
              </span>
              <span
                aria-hidden="true"
                className={clsx('flex shrink-0 items-start justify-center', active && 'bg-indigo-50')}
                style={{ width: `calc(${LINT_WIDTH} + 1px)` }}
              >
                {marks && marks.length > 0 && (
                  <span
                    data-marker={marks.some((mark) => mark.severity === 'error') ? 'error' : 'warning'}
                    title={marks.map((mark) => mark.message).join('\n')}
                    className={clsx(
                      'mt-[0.45em] size-[0.7em] rounded-full',
                      marks.some((mark) => mark.severity === 'error') ? 'bg-red-500' : 'bg-amber-500',
                    )}
                  />
                )}
              </span>
              <span
                data-line-text
                className="min-w-0 flex-1 text-slate-700"
                style={{ paddingLeft: CODE_TEXT_PADDING.left, paddingRight: CODE_TEXT_PADDING.right, ...CODE_WRAP }}
              >
                {line === '' ? <br /> : line}
              </span>
            </div>
          );
        })}
      </div>
      {children}
    </div>
  );
}
