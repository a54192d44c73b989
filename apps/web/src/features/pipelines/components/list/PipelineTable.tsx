import type { Pipeline } from '@agent-fleet/contracts';
import { Trash2 } from 'lucide-react';
import { Link } from 'react-router';
import { clsx } from 'clsx';
import { RowActions } from '../../../../components/ui/RowActions';
import { Table, TBody, Td, Th, THead, Tr } from '../../../../components/ui/Table';
import { formatDateTime, formatRelativeTime, pluralize } from '../../../../lib/format';
import { PromptLabelBadges } from '../../../prompts/components/shared/PromptLabelBadges';

export interface PipelineTableProps {
  pipelines: readonly Pipeline[];
  /** Dims the rows while a newer page or search result loads. */
  stale?: boolean;
  /** Absent for roles that may not delete: no delete buttons then. */
  onDelete?: (pipeline: Pipeline) => void;
}

const rowId = (pipeline: Pipeline) => `pipeline-row-${pipeline.id}`;

export function PipelineTable({ pipelines, stale = false, onDelete }: PipelineTableProps) {
  return (
    <Table aria-label="Pipelines" aria-busy={stale || undefined} className={clsx('transition-opacity', stale && 'opacity-60')}>
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Latest</Th>
          <Th>Labels</Th>
          <Th>Steps</Th>
          <Th priority="optional">Updated</Th>
          {onDelete && (
            <Th actions>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </Tr>
      </THead>
      <TBody>
        {pipelines.map((pipeline) => (
          <Tr key={pipeline.id}>
            <Td className="max-w-80 min-w-44">
              {/* One block, so the card layout of phones stacks name and description. */}
              <div className="min-w-0">
                <Link
                  id={rowId(pipeline)}
                  to={`/pipelines/${encodeURIComponent(pipeline.name)}`}
                  className="font-mono text-[13px] font-medium break-all text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {pipeline.name}
                </Link>
                {pipeline.description && <p className="mt-0.5 truncate text-xs text-slate-500">{pipeline.description}</p>}
              </div>
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap text-slate-600">v{pipeline.latestVersion}</Td>
            <Td className="min-w-40">
              <PromptLabelBadges labels={pipeline.labels} showVersions />
            </Td>
            <Td className="whitespace-nowrap text-slate-600">{pluralize(pipeline.steps, 'step')}</Td>
            <Td priority="optional" className="whitespace-nowrap text-slate-500">
              <time dateTime={pipeline.updatedAt} title={formatDateTime(pipeline.updatedAt)}>
                {formatRelativeTime(pipeline.updatedAt)}
              </time>
            </Td>
            {onDelete && (
              <RowActions
                describedBy={rowId(pipeline)}
                actions={[{ label: 'Delete', icon: Trash2, danger: true, iconOnly: true, onSelect: () => onDelete(pipeline) }]}
              />
            )}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
