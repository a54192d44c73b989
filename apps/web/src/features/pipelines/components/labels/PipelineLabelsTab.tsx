import { PROTECTED_LABELS } from '@agent-fleet/contracts/constants';
import { useState } from 'react';
import { Card } from '../../../../components/ui/Card';
import { ConfirmDialog } from '../../../../components/ui/ConfirmDialog';
import { Notice } from '../../../../components/ui/Notice';
import { Table, TBody, Th, THead, Tr } from '../../../../components/ui/Table';
import { usePermission } from '../../../auth/usePermission';
import { errorMessage } from '../../../../lib/api-error';
import { AddLabelForm } from '../../../prompts/components/labels/AddLabelForm';
import { LabelRow } from '../../../prompts/components/labels/LabelRow';
import { sortLabels } from '../../../prompts/components/shared/PromptLabelBadges';
import { usePipelineOutlet } from '../../hooks/usePipelineOutlet';
import { usePipelinePermissions } from '../../hooks/usePipelinePermissions';
import { useDeletePipelineLabel, useMovePipelineLabel } from '../../mutations';

/** The pipeline's labels: what `name@label` runs resolve to, moved here (rollback is moving one back). */
export function PipelineLabelsTab() {
  const { pipeline } = usePipelineOutlet();
  const { canUpdate } = usePipelinePermissions();
  const canManage = usePermission('pipelines:manage');
  const move = useMovePipelineLabel();
  const remove = useDeletePipelineLabel();
  const [deleting, setDeleting] = useState<string | null>(null);
  const names = sortLabels(Object.keys(pipeline.labels));
  const canChange = (label: string) => canUpdate && (canManage || !PROTECTED_LABELS.includes(label));
  const busyLabel = move.isPending ? move.variables.label : remove.isPending ? remove.variables.label : null;
  const failure = move.error ?? remove.error;

  const moveLabel = async (label: string, version: number): Promise<boolean> => {
    remove.reset();
    try {
      await move.mutateAsync({ name: pipeline.name, label, version });
      return true;
    } catch {
      return false;
    }
  };

  return (
    <div className="flex flex-col gap-6">
      {failure && (
        <Notice tone="danger" title="The label did not change">
          {errorMessage(failure)}
        </Notice>
      )}
      <Card
        title="Labels"
        description={
          <>
            Runs of <code className="font-mono text-xs break-all">{pipeline.name}@label</code> start on the version the label
            points to; moving it back is a rollback. Runs already started keep their version.
          </>
        }
      >
        <Table aria-label="Labels">
          <THead>
            <Tr>
              <Th>Label</Th>
              <Th>Version</Th>
              <Th>{canUpdate ? 'Move to' : <span className="sr-only">Details</span>}</Th>
            </Tr>
          </THead>
          <TBody>
            {names.map((label) => (
              <LabelRow
                key={label}
                label={label}
                version={pipeline.labels[label] ?? pipeline.latestVersion}
                latestVersion={pipeline.latestVersion}
                canChange={canChange(label)}
                busy={busyLabel === label}
                onMove={(version) => void moveLabel(label, version)}
                onDelete={() => setDeleting(label)}
              />
            ))}
          </TBody>
        </Table>
      </Card>

      {canUpdate && (
        <Card title="Add a label" description="E.g. staging or canary, to try a version before it goes to production.">
          <AddLabelForm
            existing={names}
            latestVersion={pipeline.latestVersion}
            onAdd={moveLabel}
            busy={busyLabel !== null && !(busyLabel in pipeline.labels)}
          />
        </Card>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the label “${deleting ?? ''}”?`}
        description="Runs started by this label will fail to resolve it until it is added again."
        confirmLabel="Delete label"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (deleting === null) return;
          move.reset();
          remove.mutate({ name: pipeline.name, label: deleting }, { onSuccess: () => setDeleting(null) });
        }}
        onCancel={() => {
          remove.reset();
          setDeleting(null);
        }}
      />
    </div>
  );
}
