import type { PromptTemplate } from '@agent-fleet/contracts';
import { Folder, Pencil } from 'lucide-react';
import { Badge } from '../../../../components/ui/Badge';
import { Button } from '../../../../components/ui/Button';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { formatDateTime, formatRelativeTime } from '../../../../lib/format';
import { PromptLabelBadges } from '../shared/PromptLabelBadges';

export interface PromptHeaderProps {
  prompt: PromptTemplate;
  /** Absent for roles that may not change the template. */
  onEditDetails?: () => void;
}

export function PromptHeader({ prompt, onEditDetails }: PromptHeaderProps) {
  return (
    <>
      <PageHeader
        title={<span className="font-mono">{prompt.name}</span>}
        meta={<Badge tone="neutral">v{prompt.latestVersion}</Badge>}
        description={prompt.description || 'No description.'}
        actions={
          onEditDetails && (
            <Button onClick={onEditDetails} icon={<Pencil className="size-4" aria-hidden="true" />}>
              Edit details
            </Button>
          )
        }
      />
      <div className="-mt-3 mb-5 flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-500">
        {prompt.category && (
          <span className="inline-flex items-center gap-1.5">
            <Folder className="size-3.5" aria-hidden="true" />
            {prompt.category}
          </span>
        )}
        {prompt.tags.length > 0 && <span>{prompt.tags.map((tag) => `#${tag}`).join(' ')}</span>}
        <PromptLabelBadges labels={prompt.labels} showVersions />
        <span>
          Updated{' '}
          <time dateTime={prompt.updatedAt} title={formatDateTime(prompt.updatedAt)}>
            {formatRelativeTime(prompt.updatedAt)}
          </time>
        </span>
      </div>
    </>
  );
}
