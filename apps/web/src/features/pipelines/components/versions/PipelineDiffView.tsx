import { clsx } from 'clsx';
import { useState } from 'react';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { Select } from '../../../../components/ui/Select';
import { Skeleton } from '../../../../components/ui/Skeleton';
import { hasChanges } from '../../../prompts/diff-rows';
import { DiffLines } from '../../../prompts/components/history/DiffLines';
import { usePipelineDiff } from '../../queries';

export interface PipelineDiffViewProps {
  name: string;
  latestVersion: number;
  from: number;
  to: number;
  onChange: (range: { from: number; to: number }) => void;
}

/** The line diff of two versions' sources, unified or side by side (the prompts' diff rendering). */
export function PipelineDiffView({ name, latestVersion, from, to, onChange }: PipelineDiffViewProps) {
  const diff = usePipelineDiff(name, from, to);
  const [split, setSplit] = useState(false);
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
    if (!hasChanges(diff.data.source)) return <p className="text-sm text-slate-400">No changes</p>;
    return (
      <div className={clsx('transition-opacity', diff.isPlaceholderData && 'opacity-60')}>
        <DiffLines lines={diff.data.source} layout={split ? 'split' : 'unified'} label="Definition changes" />
      </div>
    );
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        {versionSelect('pipeline-diff-from', 'From', from, (version) => onChange({ from: version, to }))}
        {versionSelect('pipeline-diff-to', 'To', to, (version) => onChange({ from, to: version }))}
        <label className="ml-auto flex items-center gap-2 text-sm text-slate-600">
          <input type="checkbox" checked={split} onChange={(event) => setSplit(event.target.checked)} />
          Side by side
        </label>
      </div>
      {renderBody()}
    </div>
  );
}
