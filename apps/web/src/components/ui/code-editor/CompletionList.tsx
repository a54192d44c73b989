import { clsx } from 'clsx';
import { useEffect, useRef } from 'react';
import type { Completion } from './completion';

export interface CompletionListProps {
  id: string;
  options: readonly Completion[];
  selected: number;
  /** Viewport position under the completed word; null until it is measured. */
  at: { left: number; top: number } | null;
  onPick: (option: Completion) => void;
}

/**
 * The completion list under the word being completed. Fixed to the viewport, so the editor's frame
 * does not clip it; the textarea keeps the focus (options are picked on mouse down) and names the
 * selected option through aria-activedescendant.
 */
export function CompletionList({ id, options, selected, at, onPick }: CompletionListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  return (
    <ul
      ref={listRef}
      id={id}
      role="listbox"
      aria-label="Suggestions"
      className="fixed z-50 max-h-60 min-w-40 overflow-y-auto rounded-lg border border-slate-200 bg-white py-1 font-mono text-[13px] shadow-lg"
      style={at ? { left: at.left, top: at.top + 2 } : { visibility: 'hidden' }}
    >
      {options.map((option, index) => (
        <li
          key={`${option.label}-${index}`}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === selected}
          className={clsx(
            'flex cursor-pointer items-baseline gap-3 px-2 py-0.5',
            index === selected ? 'bg-indigo-100 text-indigo-950' : 'text-slate-800 hover:bg-slate-50',
          )}
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(option);
          }}
        >
          <span>{option.label}</span>
          {(option.detail ?? option.type) && (
            <span className="ml-auto text-xs text-slate-400">{option.detail ?? option.type}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
