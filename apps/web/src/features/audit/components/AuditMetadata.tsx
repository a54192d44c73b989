const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** An event's details as compact key/value pairs. */
export function AuditMetadata({ metadata }: { metadata: Record<string, unknown> }) {
  const entries = Object.entries(metadata);
  if (entries.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <dl className="flex flex-wrap gap-1">
      {entries.map(([key, value]) => (
        <div
          key={key}
          className="inline-flex max-w-full min-w-0 items-center gap-1 rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] ring-1 ring-slate-200 ring-inset"
        >
          <dt className="shrink-0 text-slate-500">{key}</dt>
          <dd className="truncate text-slate-700" title={show(value)}>
            {show(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
