import { FileQuestion, History, PencilLine, Tags, type LucideIcon } from 'lucide-react';
import { NavLink, Outlet, useNavigate, useParams } from 'react-router';
import { clsx } from 'clsx';
import { Badge } from '../../../../components/ui/Badge';
import { Button } from '../../../../components/ui/Button';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { QueryBoundary } from '../../../../components/ui/QueryBoundary';
import { DetailPageSkeleton } from '../../../../components/ui/Skeleton';
import { formatDateTime, formatRelativeTime, pluralize } from '../../../../lib/format';
import { PromptLabelBadges } from '../../../prompts/components/shared/PromptLabelBadges';
import { RunPipelineButton } from '../../../runs/components/dialog/RunPipelineButton';
import type { PipelineOutletContext } from '../../hooks/usePipelineOutlet';
import { usePipeline } from '../../queries';

const TABS: { path: string; label: string; Icon: LucideIcon }[] = [
  { path: '', label: 'Editor', Icon: PencilLine },
  { path: 'versions', label: 'Versions', Icon: History },
  { path: 'labels', label: 'Labels', Icon: Tags },
];

/** The pipeline page's sections; each is its own URL, so a tab can be linked and survives reload. */
function PipelineTabs({ name }: { name: string }) {
  const base = `/pipelines/${encodeURIComponent(name)}`;
  return (
    <nav aria-label="Pipeline sections" className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="-mb-px flex gap-1">
        {TABS.map(({ path, label, Icon }) => (
          <li key={label}>
            <NavLink
              to={path === '' ? base : `${base}/${path}`}
              end
              className={({ isActive }) =>
                clsx(
                  'flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition-colors',
                  'focus-visible:outline-2 focus-visible:outline-indigo-600',
                  isActive
                    ? 'border-indigo-600 text-indigo-700'
                    : 'border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800',
                )
              }
            >
              <Icon className="size-4" aria-hidden="true" />
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** One pipeline: its header and tabs; the tab routes render below with the loaded pipeline. */
export function PipelineDetailLayout() {
  const { name = '' } = useParams();
  const query = usePipeline(name);
  const navigate = useNavigate();
  return (
    <QueryBoundary
      query={query}
      errorTitle="Could not load the pipeline"
      errorCard
      loading={<DetailPageSkeleton label="Loading pipeline" />}
      notFound={
        <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
          <title>Pipeline not found · Agent Fleet</title>
          <EmptyState
            icon={<FileQuestion />}
            title="Pipeline not found"
            description={`There is no pipeline named “${name}” in this workspace. It may have been deleted.`}
            action={<Button onClick={() => void navigate('/pipelines')}>Back to pipelines</Button>}
          />
        </div>
      }
    >
      {(pipeline) => (
        <>
          <title>{`${pipeline.name} · Pipelines · Agent Fleet`}</title>
          <PageHeader
            title={<span className="font-mono break-all">{pipeline.name}</span>}
            meta={<Badge tone="neutral">v{pipeline.latestVersion}</Badge>}
            description={pipeline.description || 'No description.'}
            actions={<RunPipelineButton pipeline={pipeline.name} />}
          />
          <div className="-mt-3 mb-5 flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-500">
            <PromptLabelBadges labels={pipeline.labels} showVersions />
            <span>{pluralize(pipeline.steps, 'step')}</span>
            <span>
              Updated{' '}
              <time dateTime={pipeline.updatedAt} title={formatDateTime(pipeline.updatedAt)}>
                {formatRelativeTime(pipeline.updatedAt)}
              </time>
            </span>
          </div>
          <PipelineTabs name={pipeline.name} />
          <Outlet context={{ pipeline } satisfies PipelineOutletContext} />
        </>
      )}
    </QueryBoundary>
  );
}
