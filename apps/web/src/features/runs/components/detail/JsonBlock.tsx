import { prettyJson } from '../../../../lib/json';

/** A JSON value as indented text, wrapping rather than widening the page. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre
      aria-label={label}
      className="max-h-72 overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs break-words whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200"
    >
      {value === null || value === undefined ? 'null' : prettyJson(value)}
    </pre>
  );
}
