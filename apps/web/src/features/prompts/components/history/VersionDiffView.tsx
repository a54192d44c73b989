import type { VersionDiff } from '@agent-fleet/contracts';
import { Columns2, Rows3 } from 'lucide-react';
import { clsx } from 'clsx';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { Select } from '../../../../components/ui/Select';
import { Skeleton } from '../../../../components/ui/Skeleton';
import { hasChanges } from '../../diff-rows';
import { usePromptDiff } from '../../queries';
import { DiffLines, type DiffLayout } from './DiffLines';

export interface VersionDiffViewProps {
  name: string;
  latestVersion: number;
  from: number;
  to: number;
  onChange: (range: { from: number; to: number }) => void;
  layout: DiffLayout;
  onLayoutChange: (layout: DiffLayout) => void;
}

const SECTIONS: { key: keyof Pick<VersionDiff, 'body' | 'variables' | 'config'>; title: string }[] = [
  { key: 'body', title: 'Template' },
  { key: 'variables', title: 'Variables' },
  { key: 'config', title: 'Model config' },
];

const LAYOUTS: { value: DiffLayout; label: string; Icon: typeof Rows3 }[] = [
  { value: 'unified', label: 'Unified', Icon: Rows3 },
  { value: 'split', label: 'Side by side', Icon: Columns2 },
];

/** What changed between two versions, in the template, its variables and its model config. */
export function VersionDiffView({ name, latestVersion, from, to, onChange, layout, onLayoutChange }: VersionDiffViewProps) {
  const diff = usePromptDiff(name, from, to);
  const numbers = Array.from({ length: latestVersion }, (_, index) => latestVersion - index);

  const versionSelect = (id: string, label: string, value: number, onSelect: (version: number) => void) => (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-slate-600">
        {label}
      </label>
      <Select id={id} value={value} onChange={(event) => onSelect(Number(event.target.value))} className="w-24">
        {numbers.map((version) => (
          <option key={version} value={version}>
            v{version}
          </option>
        ))}
      </Select>
    </div>
  );

  const renderBody = () => {
    if (from === to) return <p className="text-sm text-slate-500">Choose two different versions to compare.</p>;
    if (diff.isError) return <ErrorState error={diff.error} title="Could not compare" onRetry={() => void diff.refetch()} />;
    if (!diff.data) return <Skeleton className="h-40 w-full" />;
    const data = diff.data;
    return (
      <div className={clsx('flex flex-col gap-5 transition-opacity', diff.isPlaceholderData && 'opacity-60')}>
        {SECTIONS.map(({ key, title }) => (
          <div key={key}>
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
            {hasChanges(data[key]) ? (
              <DiffLines lines={data[key]} layout={layout} label={`${title} changes`} />
            ) : (
              <p className="text-sm text-slate-400">No changes</p>
            )}
          </div>
        ))}
      </div>
    );
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        {versionSelect('diff-from', 'From', from, (version) => onChange({ from: version, to }))}
        {versionSelect('diff-to', 'To', to, (version) => onChange({ from, to: version }))}
        <fieldset className="ml-auto">
          <legend className="sr-only">Diff layout</legend>
          <div className="inline-flex rounded-lg bg-slate-100 p-1 ring-1 ring-slate-200 ring-inset">
            {LAYOUTS.map(({ value, label, Icon }) => (
              <label
                key={value}
                className={clsx(
                  'flex cursor-pointer items-center gap-1.5 rounded-md px-2.5 py-1 text-xs font-medium',
                  'has-focus-visible:outline-2 has-focus-visible:outline-indigo-600',
                  layout === value ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-500 hover:text-slate-700',
                )}
              >
                <input
                  type="radio"
                  name="diff-layout"
                  value={value}
                  checked={layout === value}
                  onChange={() => onLayoutChange(value)}
                  className="sr-only"
                />
                <Icon className="size-3.5" aria-hidden="true" />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {renderBody()}
    </div>
  );
}
