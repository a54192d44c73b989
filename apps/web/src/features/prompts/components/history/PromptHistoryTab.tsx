import { Undo2 } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button } from '../../../../components/ui/Button';
import { Card } from '../../../../components/ui/Card';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { TableSkeleton } from '../../../../components/ui/TableSkeleton';
import { useLabelActions } from '../../hooks/useLabelActions';
import { usePromptOutlet } from '../../hooks/usePromptOutlet';
import { usePromptPermissions } from '../../hooks/usePromptPermissions';
import { usePromptVersions } from '../../queries';
import { LabelFailureNotice } from '../shared/LabelFailureNotice';
import type { DiffLayout } from './DiffLines';
import { VersionDiffView } from './VersionDiffView';
import { VersionHistoryTable } from './VersionHistoryTable';

const PRODUCTION = 'production';

/** Every version with its author and message, production moves (rollback) and a diff of any two. */
export function PromptHistoryTab() {
  const { prompt } = usePromptOutlet();
  const { canUpdate, canManage } = usePromptPermissions();
  const versions = usePromptVersions(prompt.name);
  const labels = useLabelActions(prompt.name);
  const latest = prompt.latestVersion;
  const [range, setRange] = useState({ from: Math.max(1, latest - 1), to: latest });
  const [layout, setLayout] = useState<DiffLayout>('unified');
  const diffRef = useRef<HTMLDivElement>(null);
  const production = prompt.labels[PRODUCTION];
  // Versions are numbered 1…latest without gaps, so the one before production is production − 1.
  const rollbackTarget = production !== undefined && production > 1 ? production - 1 : undefined;

  const setProduction = (version: number) => void labels.moveLabel(PRODUCTION, version, production);
  const compare = (version: number) => {
    setRange({ from: version - 1, to: version });
    diffRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const renderVersions = () => {
    if (versions.isError) {
      return <ErrorState error={versions.error} title="Could not load the history" onRetry={() => void versions.refetch()} />;
    }
    if (!versions.data) return <TableSkeleton label="Loading versions" columns={[10, 40, 18, 14, 18]} rows={3} />;
    return (
      <VersionHistoryTable
        name={prompt.name}
        versions={[...versions.data].reverse()}
        productionVersion={production}
        onSetProduction={canUpdate ? setProduction : undefined}
        canSetProduction={canManage}
        busyVersion={labels.busy?.label === PRODUCTION ? (labels.busy.version ?? null) : null}
        onCompare={compare}
      />
    );
  };

  return (
    <div className="flex flex-col gap-6">
      {labels.failure && <LabelFailureNotice failure={labels.failure} onDismiss={labels.dismissFailure} />}
      <Card
        title="Versions"
        description={
          production === undefined
            ? 'No version is in production yet.'
            : `Production serves version ${production}.${canUpdate && !canManage ? ' Moving it needs the prompts:manage permission.' : ''}`
        }
        actions={
          canUpdate &&
          rollbackTarget !== undefined && (
            <Button
              onClick={() => setProduction(rollbackTarget)}
              disabled={!canManage || labels.busy !== null}
              icon={<Undo2 className="size-4" aria-hidden="true" />}
            >
              Roll back production to v{rollbackTarget}
            </Button>
          )
        }
      >
        {renderVersions()}
      </Card>
      <div ref={diffRef} className="scroll-mt-20">
        <Card title="Compare versions" description="Added lines in green, removed lines in red.">
          {latest < 2 ? (
            <p className="text-sm text-slate-500">There is only one version so far. Save another to compare.</p>
          ) : (
            <VersionDiffView
              name={prompt.name}
              latestVersion={latest}
              from={range.from}
              to={range.to}
              onChange={setRange}
              layout={layout}
              onLayoutChange={setLayout}
            />
          )}
        </Card>
      </div>
    </div>
  );
}
