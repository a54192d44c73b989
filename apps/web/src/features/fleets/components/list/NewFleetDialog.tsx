import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { FormDialog } from '../../../../components/ui/FormDialog';
import { placeErrors, type FieldMessages } from '../../../../lib/form-errors';
import {
  checkFleetForm,
  fleetFieldOf,
  NEW_FLEET_VALUES,
  toFleetCreate,
  type FleetFormField,
  type FleetFormValues,
} from '../../fleet-form';
import { useCreateFleet } from '../../mutations';
import { FleetSettingsFields } from '../form/FleetSettingsFields';

export interface NewFleetDialogProps {
  open: boolean;
  onClose: () => void;
}

/** Creates a fleet without members and opens its page, where members are added. */
export function NewFleetDialog({ open, onClose }: NewFleetDialogProps) {
  const navigate = useNavigate();
  const create = useCreateFleet();
  const [values, setValues] = useState<FleetFormValues>(NEW_FLEET_VALUES);
  const [checked, setChecked] = useState<FieldMessages<FleetFormField>>({});
  const placed = create.error ? placeErrors(create.error, fleetFieldOf) : null;

  const close = () => {
    create.reset();
    setValues(NEW_FLEET_VALUES);
    setChecked({});
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkFleetForm(values);
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    create.mutate(toFleetCreate(values), {
      onSuccess: (fleet) => {
        close();
        void navigate(`/fleets/${fleet.id}`);
      },
    });
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New fleet"
      description="A team of agents that shares tasks by a strategy. Add its members on the next page."
      submitLabel="Create fleet"
      pending={create.isPending}
      onSubmit={submit}
      banner={placed?.banner ?? null}
      bannerTitle="Could not create the fleet"
      size="lg"
    >
      <FleetSettingsFields
        idPrefix="new-fleet"
        values={values}
        onChange={(patch) => setValues((current) => ({ ...current, ...patch }))}
        errors={{ ...placed?.byField, ...checked }}
      />
    </FormDialog>
  );
}
