import { Search, X } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Input } from './Input';

/** Typing pauses this long before the list refetches, so each keystroke is not a request. */
const DEBOUNCE_MS = 300;

export interface SearchBoxProps {
  /** The search applied to the list (from the URL). */
  value: string;
  onSearch: (q: string) => void;
  /** The accessible name, e.g. "Search agents". */
  label: string;
  placeholder: string;
}

/** A debounced list search: applies what was typed after a pause; Escape or × clears it. */
export function SearchBox({ value, onSearch, label, placeholder }: SearchBoxProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [applied, setApplied] = useState(value);

  // The URL changed underneath (Back, "Clear filters"): show it, unless it is just our own trimmed draft.
  if (value !== applied) {
    setApplied(value);
    if (value !== draft.trim()) setDraft(value);
  }

  useEffect(() => {
    if (draft.trim() === value) return undefined;
    const timer = window.setTimeout(() => onSearch(draft.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, value, onSearch]);

  return (
    <div className="relative w-full sm:max-w-xs">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" aria-hidden="true" />
      <Input
        id={id}
        type="search"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && draft !== '') {
            event.preventDefault();
            setDraft('');
          }
        }}
        placeholder={placeholder}
        autoComplete="off"
        className="pr-8 pl-9 [&::-webkit-search-cancel-button]:hidden"
      />
      {draft !== '' && (
        <button
          type="button"
          onClick={() => setDraft('')}
          className="absolute top-1/2 right-2 -translate-y-1/2 rounded p-0.5 text-slate-400 hover:text-slate-600"
          aria-label="Clear search"
        >
          <X className="size-4" aria-hidden="true" />
        </button>
      )}
    </div>
  );
}
