import type { PromptTemplate } from '@agent-fleet/contracts';
import { Folder } from 'lucide-react';
import { Link } from 'react-router';
import { clsx } from 'clsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../../../components/ui/Table';
import { formatDateTime, formatRelativeTime } from '../../../../lib/format';
import { PromptLabelBadges } from '../shared/PromptLabelBadges';

export interface PromptTableProps {
  prompts: readonly PromptTemplate[];
  /** Dims the rows while a newer page or filter result loads. */
  stale?: boolean;
  onCategorySelect: (category: string) => void;
  onTagSelect: (tag: string) => void;
}

const chipClass =
  'rounded-full px-2 py-0.5 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600';

export function PromptTable({ prompts, stale = false, onCategorySelect, onTagSelect }: PromptTableProps) {
  return (
    <Table aria-label="Prompts" aria-busy={stale || undefined} className={clsx('transition-opacity', stale && 'opacity-60')}>
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Folder</Th>
          <Th>Tags</Th>
          <Th>Labels</Th>
          <Th>Latest</Th>
          <Th priority="optional">Updated</Th>
        </Tr>
      </THead>
      <TBody>
        {prompts.map((prompt) => (
          <Tr key={prompt.id}>
            <Td className="max-w-60 min-w-44">
              <Link
                to={`/prompts/${encodeURIComponent(prompt.name)}`}
                className="font-mono text-[13px] font-medium text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {prompt.name}
              </Link>
              {prompt.description && <p className="mt-0.5 truncate text-xs text-slate-500">{prompt.description}</p>}
            </Td>
            <Td className="max-w-48">
              {prompt.category ? (
                <button
                  type="button"
                  onClick={() => onCategorySelect(prompt.category)}
                  className="inline-flex max-w-full items-center gap-1.5 text-slate-600 hover:text-indigo-600"
                  title={`Show the ${prompt.category} folder`}
                >
                  <Folder className="size-3.5 shrink-0 text-slate-400" aria-hidden="true" />
                  <span className="truncate">{prompt.category}</span>
                </button>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </Td>
            <Td className="min-w-32">
              {prompt.tags.length === 0 ? (
                <span className="text-slate-400">—</span>
              ) : (
                <div className="flex flex-wrap gap-1">
                  {prompt.tags.map((tag) => (
                    <button
                      key={tag}
                      type="button"
                      onClick={() => onTagSelect(tag)}
                      className={clsx(chipClass, 'bg-slate-100 text-slate-600 hover:bg-indigo-50 hover:text-indigo-700')}
                      aria-label={`Filter by tag ${tag}`}
                    >
                      #{tag}
                    </button>
                  ))}
                </div>
              )}
            </Td>
            <Td className="min-w-40">
              <PromptLabelBadges labels={prompt.labels} showVersions />
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap text-slate-600">v{prompt.latestVersion}</Td>
            <Td priority="optional" className="whitespace-nowrap text-slate-500">
              <time dateTime={prompt.updatedAt} title={formatDateTime(prompt.updatedAt)}>
                {formatRelativeTime(prompt.updatedAt)}
              </time>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
