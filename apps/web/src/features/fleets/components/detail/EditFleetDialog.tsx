import type { FleetDetail } from '@agent-fleet/contracts';
import { RefreshCw } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/Button';
import { FormDialog } from '../../../../components/ui/FormDialog';
import { Notice } from '../../../../components/ui/Notice';
import { useToast } from '../../../../components/ui/useToast';
import { isStaleVersionError } from '../../../../lib/api-error';
import { placeErrors, type FieldMessages } from '../../../../lib/form-errors';
import { missingRoleMessage } from '../../fleet-meta';
import {
  checkFleetForm,
  fleetFieldOf,
  fleetToFormValues,
  toFleetUpdate,
  type FleetFormField,
  type FleetFormValues,
} from '../../fleet-form';
import { useUpdateFleet } from '../../mutations';
import { FleetSettingsFields } from '../form/FleetSettingsFields';

export interface EditFleetDialogProps {
  /** The fleet as the page shows it; the dialog edits the version it opened with. */
  fleet: FleetDetail;
  open: boolean;
  onClose: () => void;
  /** Reads the fleet again; resolves with the latest copy. */
  onReload: () => Promise<FleetDetail | undefined>;
}

/**
 * Edits a fleet's settings, its strategy included. Saves are conditional on the version the form was
 * filled from: a fleet changed elsewhere meanwhile is refused (412) and the dialog offers to reload.
 */
export function EditFleetDialog({ fleet, open, onClose, onReload }: EditFleetDialogProps) {
  const update = useUpdateFleet();
  const toast = useToast();
  const [base, setBase] = useState(fleet);
  const [values, setValues] = useState<FleetFormValues>(() => fleetToFormValues(fleet));
  const [checked, setChecked] = useState<FieldMessages<FleetFormField>>({});
  const [reloading, setReloading] = useState(false);
  const stale = isStaleVersionError(update.error);
  const missingRole = missingRoleMessage(update.error);
  const placed = update.error && !stale && !missingRole ? placeErrors(update.error, fleetFieldOf) : null;

  // Opening again starts from the fleet as the page has it now.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setBase(fleet);
      setValues(fleetToFormValues(fleet));
      setChecked({});
    }
  }

  const close = () => {
    update.reset();
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkFleetForm(values);
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    update.mutate(
      { id: base.id, version: base.version, patch: toFleetUpdate(values) },
      {
        onSuccess: (saved) => {
          toast.success('Fleet saved', `“${saved.name}” is now on version ${saved.version}.`);
          close();
        },
      },
    );
  };
  const reload = async () => {
    setReloading(true);
    try {
      const fresh = await onReload();
      if (fresh) {
        setBase(fresh);
        setValues(fleetToFormValues(fresh));
      }
      update.reset();
    } finally {
      setReloading(false);
    }
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={`Edit ${base.name}`}
      description={`Version ${base.version}.`}
      submitLabel="Save changes"
      pending={update.isPending}
      onSubmit={submit}
      banner={missingRole ?? placed?.banner ?? null}
      bannerTitle={missingRole ? 'A member role is missing' : 'Could not save the fleet'}
      size="lg"
    >
      {stale && (
        <Notice
          tone="warning"
          title="This fleet was changed elsewhere — reload"
          actions={
            <Button
              size="sm"
              onClick={() => void reload()}
              loading={reloading}
              icon={<RefreshCw className="size-3.5" aria-hidden="true" />}
            >
              Reload
            </Button>
          }
        >
          You edited version {base.version}; a newer version exists, so saving is refused. Reloading shows the latest settings and
          discards your changes.
        </Notice>
      )}
      <FleetSettingsFields
        idPrefix="edit-fleet"
        values={values}
        onChange={(patch) => setValues((current) => ({ ...current, ...patch }))}
        errors={{ ...placed?.byField, ...checked }}
      />
    </FormDialog>
  );
}
