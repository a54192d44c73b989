import type { PromptVersion } from '@agent-fleet/contracts';
import { FlaskConical, GitCompare, Rocket } from 'lucide-react';
import { Link } from 'react-router';
import { Avatar } from '../../../../components/ui/Avatar';
import { Button } from '../../../../components/ui/Button';
import { buttonClasses } from '../../../../components/ui/button-styles';
import { Table, TBody, Td, Th, THead, Tr } from '../../../../components/ui/Table';
import { formatDateTime, formatRelativeTime } from '../../../../lib/format';
import { PromptLabelBadges } from '../shared/PromptLabelBadges';

export interface VersionHistoryTableProps {
  name: string;
  /** Newest first. */
  versions: readonly PromptVersion[];
  productionVersion: number | undefined;
  /** Absent for roles that may not move labels at all; the buttons are then not offered. */
  onSetProduction?: (version: number) => void;
  /** False without `prompts:manage`: the buttons show but are disabled, with the reason as a tooltip. */
  canSetProduction: boolean;
  /** The version whose label move is in flight. */
  busyVersion: number | null;
  onCompare: (version: number) => void;
}

export function VersionHistoryTable(props: VersionHistoryTableProps) {
  const { name, versions, productionVersion, onSetProduction, canSetProduction, busyVersion, onCompare } = props;
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
        {versions.map((version) => (
          <Tr key={version.version}>
            <Td className="whitespace-nowrap">
              <div className="flex items-center gap-2">
                <span className="font-mono text-sm font-semibold text-slate-900">v{version.version}</span>
                {version.labels.length > 0 && <PromptLabelBadges labels={version.labels} />}
              </div>
            </Td>
            <Td className="max-w-96 min-w-40">
              {version.commitMessage || <span className="text-slate-400 italic">No message</span>}
            </Td>
            <Td className="whitespace-nowrap">
              {version.authorName ? (
                <span className="flex items-center gap-2">
                  <Avatar name={version.authorName} className="size-6 text-[10px]" />
                  {version.authorName}
                </span>
              ) : (
                <span className="text-slate-400">Unknown</span>
              )}
            </Td>
            <Td className="whitespace-nowrap text-slate-500">
              <time dateTime={version.createdAt} title={formatDateTime(version.createdAt)}>
                {formatRelativeTime(version.createdAt)}
              </time>
            </Td>
            <Td actions className="w-px whitespace-nowrap">
              <div className="flex justify-end gap-1">
                <Link
                  to={`/prompts/${encodeURIComponent(name)}/playground?version=${version.version}`}
                  className={buttonClasses('ghost', 'icon')}
                  aria-label={`Try version ${version.version} in the playground`}
                  title="Try in the playground"
                >
                  <FlaskConical className="size-4" aria-hidden="true" />
                </Link>
                <Button
                  variant="ghost"
                  size="icon"
                  onClick={() => onCompare(version.version)}
                  disabled={version.version === 1}
                  aria-label={`Compare version ${version.version} with the one before`}
                  title="Compare with the version before"
                >
                  <GitCompare className="size-4" aria-hidden="true" />
                </Button>
                {onSetProduction && (
                  <Button
                    size="sm"
                    onClick={() => onSetProduction(version.version)}
                    disabled={!canSetProduction || version.version === productionVersion}
                    loading={busyVersion === version.version}
                    aria-label={`Set production to version ${version.version}`}
                    title={
                      !canSetProduction
                        ? 'Moving production needs the prompts:manage permission'
                        : version.version === productionVersion
                          ? 'Already in production'
                          : undefined
                    }
                    icon={<Rocket className="size-3.5" aria-hidden="true" />}
                  >
                    Set production
                  </Button>
                )}
              </div>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
