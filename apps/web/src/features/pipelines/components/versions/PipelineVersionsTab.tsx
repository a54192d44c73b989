import { Eye, GitCompare } from 'lucide-react';
import { useRef, useState } from 'react';
import { Card } from '../../../../components/ui/Card';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { RowActions } from '../../../../components/ui/RowActions';
import { Table, TBody, Td, Th, THead, Tr } from '../../../../components/ui/Table';
import { TableSkeleton } from '../../../../components/ui/TableSkeleton';
import { formatDateTime, formatRelativeTime } from '../../../../lib/format';
import { PromptLabelBadges } from '../../../prompts/components/shared/PromptLabelBadges';
import { usePipelineOutlet } from '../../hooks/usePipelineOutlet';
import { usePipelineVersions } from '../../queries';
import { PipelineDiffView } from './PipelineDiffView';
import { VersionSourceView } from './VersionSourceView';

/** Every version with its message and author; view any one, and diff any two. */
export function PipelineVersionsTab() {
  const { pipeline } = usePipelineOutlet();
  const versions = usePipelineVersions(pipeline.name);
  const latest = pipeline.latestVersion;
  const [viewing, setViewing] = useState<number | null>(null);
  const [range, setRange] = useState({ from: Math.max(1, latest - 1), to: latest });
  const viewRef = useRef<HTMLDivElement>(null);
  const diffRef = useRef<HTMLDivElement>(null);

  const view = (version: number) => {
    setViewing(version);
    viewRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const compare = (version: number) => {
    setRange({ from: version - 1, to: version });
    diffRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const renderVersions = () => {
    if (versions.isError) {
      return <ErrorState error={versions.error} title="Could not load the versions" onRetry={() => void versions.refetch()} />;
    }
    if (!versions.data) return <TableSkeleton label="Loading versions" columns={[10, 40, 18, 14, 10]} rows={3} />;
    return (
      <Table aria-label="Versions">
        <THead>
          <Tr>
            <Th>Version</Th>
            <Th>Message</Th>
            <Th>Author</Th>
            <Th>Saved</Th>
            <Th actions>
              <span className="sr-only">Actions</span>
            </Th>
          </Tr>
        </THead>
        <TBody>
          {[...versions.data].reverse().map((version) => (
            <Tr key={version.version}>
              <Td className="whitespace-nowrap">
                <div className="flex flex-wrap items-center gap-2">
                  <span id={`pipeline-version-${version.version}`} className="font-mono text-sm font-semibold text-slate-900">
                    v{version.version}
                  </span>
                  {version.labels.length > 0 && <PromptLabelBadges labels={version.labels} />}
                </div>
              </Td>
              <Td className="max-w-96 min-w-40">
                {version.commitMessage || <span className="text-slate-400 italic">No message</span>}
              </Td>
              <Td className="whitespace-nowrap">{version.authorName ?? <span className="text-slate-400">Unknown</span>}</Td>
              <Td className="whitespace-nowrap text-slate-500">
                <time dateTime={version.createdAt} title={formatDateTime(version.createdAt)}>
                  {formatRelativeTime(version.createdAt)}
                </time>
              </Td>
              <RowActions
                describedBy={`pipeline-version-${version.version}`}
                actions={[
                  {
                    label: `View version ${version.version}`,
                    icon: Eye,
                    iconOnly: true,
                    title: 'View',
                    onSelect: () => view(version.version),
                  },
                  version.version > 1 && {
                    label: `Compare version ${version.version} with the one before`,
                    icon: GitCompare,
                    iconOnly: true,
                    title: 'Compare with the previous version',
                    onSelect: () => compare(version.version),
                  },
                ]}
              />
            </Tr>
          ))}
        </TBody>
      </Table>
    );
  };

  return (
    <div className="flex flex-col gap-6">
      <Card title="Versions" description="Versions never change; saving in the editor adds one." flush>
        {renderVersions()}
      </Card>
      <div ref={viewRef} className="scroll-mt-20">
        {viewing !== null && (
          <Card title={`Version ${viewing}`} description="The definition as it was saved.">
            <VersionSourceView name={pipeline.name} version={viewing} />
          </Card>
        )}
      </div>
      <div ref={diffRef} className="scroll-mt-20">
        <Card title="Compare versions" description="Added lines in green, removed lines in red.">
          {latest < 2 ? (
            <p className="text-sm text-slate-500">There is only one version so far. Save another to compare.</p>
          ) : (
            <PipelineDiffView name={pipeline.name} latestVersion={latest} from={range.from} to={range.to} onChange={setRange} />
          )}
        </Card>
      </div>
    </div>
  );
}
