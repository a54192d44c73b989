import { PROTECTED_LABELS } from '@agent-fleet/contracts/constants';
import { useState } from 'react';
import { Card } from '../../../../components/ui/Card';
import { ConfirmDialog } from '../../../../components/ui/ConfirmDialog';
import { Table, TBody, Th, THead, Tr } from '../../../../components/ui/Table';
import { useLabelActions } from '../../hooks/useLabelActions';
import { usePromptOutlet } from '../../hooks/usePromptOutlet';
import { usePromptPermissions } from '../../hooks/usePromptPermissions';
import { LabelFailureNotice } from '../shared/LabelFailureNotice';
import { sortLabels } from '../shared/PromptLabelBadges';
import { AddLabelForm } from './AddLabelForm';
import { LabelRow } from './LabelRow';

/** The template's labels: what `name@label` resolves to, moved here (rollback is moving one back). */
export function PromptLabelsTab() {
  const { prompt } = usePromptOutlet();
  const { canUpdate, canManage } = usePromptPermissions();
  const labels = useLabelActions(prompt.name);
  const [deleting, setDeleting] = useState<string | null>(null);
  const names = sortLabels(Object.keys(prompt.labels));
  const canChange = (label: string) => canUpdate && (canManage || !PROTECTED_LABELS.includes(label));

  const confirmDelete = async () => {
    if (deleting === null) return;
    await labels.deleteLabel(deleting);
    setDeleting(null);
  };

  return (
    <div className="flex flex-col gap-6">
      {labels.failure && <LabelFailureNotice failure={labels.failure} onDismiss={labels.dismissFailure} />}
      <Card
        title="Labels"
        description={
          <>
            Agents reference <code className="font-mono text-xs">{prompt.name}@label</code>: moving a label changes what they run
            at once, and moving it back is a rollback.
            {canUpdate && !canManage && ' Protected labels (production) need the prompts:manage permission.'}
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
                version={prompt.labels[label] ?? prompt.latestVersion}
                latestVersion={prompt.latestVersion}
                canChange={canChange(label)}
                busy={labels.busy?.label === label}
                onMove={(version) => void labels.moveLabel(label, version, prompt.labels[label])}
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
            latestVersion={prompt.latestVersion}
            onAdd={(label, version) => labels.moveLabel(label, version)}
            busy={labels.busy !== null && !(labels.busy.label in prompt.labels)}
          />
        </Card>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the label “${deleting ?? ''}”?`}
        description={`Agents that reference ${prompt.name}@${deleting ?? ''} will fail to resolve their prompt until it points somewhere again. The versions themselves stay.`}
        confirmLabel="Delete label"
        pending={labels.busy?.label === deleting && deleting !== null}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
