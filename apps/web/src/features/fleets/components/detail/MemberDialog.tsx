import { FLEET_MEMBER_ROLES, type FleetDetail, type FleetMember, type FleetMemberRole } from '@agent-fleet/contracts';
import { useState, type FormEvent } from 'react';
import { Field } from '../../../../components/ui/Field';
import { FormDialog } from '../../../../components/ui/FormDialog';
import { Input } from '../../../../components/ui/Input';
import { Select } from '../../../../components/ui/Select';
import { useToast } from '../../../../components/ui/useToast';
import { placeErrors, type FieldMessages } from '../../../../lib/form-errors';
import { useAgentDirectory } from '../../../agents/api';
import { missingRoleMessage, ROLE_LABELS } from '../../fleet-meta';
import { useAddFleetMember, useUpdateFleetMember } from '../../mutations';

const FIELDS = ['agentId', 'role', 'weight', 'maxConcurrent', 'skills', 'allowedDelegates'] as const;
type MemberField = (typeof FIELDS)[number];

export interface MemberDialogProps {
  fleet: FleetDetail;
  /** The member to edit; null to add one. The dialog is open while `open` is true. */
  member: FleetMember | null;
  open: boolean;
  onClose: () => void;
}

interface MemberValues {
  agentId: string;
  role: FleetMemberRole;
  weight: string;
  maxConcurrent: string;
  /** Comma-separated. */
  skills: string;
  allowedDelegates: string[];
}

const valuesOf = (member: FleetMember | null): MemberValues => ({
  agentId: member?.agentId ?? '',
  role: member?.role ?? 'worker',
  weight: String(member?.weight ?? 1),
  maxConcurrent: String(member?.maxConcurrent ?? 1),
  skills: member?.skills.join(', ') ?? '',
  allowedDelegates: member?.allowedDelegates ?? [],
});

const skillsOf = (text: string) =>
  text
    .split(',')
    .map((skill) => skill.trim())
    .filter(Boolean);

/** What the form can tell before sending: an agent chosen, numbers where numbers go. */
function check(values: MemberValues, adding: boolean): FieldMessages<MemberField> {
  const errors: FieldMessages<MemberField> = {};
  if (adding && values.agentId === '') errors.agentId = 'Choose an agent';
  for (const field of ['weight', 'maxConcurrent'] as const) {
    const text = values[field].trim();
    if (text === '' || !Number.isFinite(Number(text))) errors[field] = 'Enter a number';
  }
  return errors;
}

/** Adds an agent to the fleet, or changes a member's role, weight, capacity, skills and delegates. */
export function MemberDialog({ fleet, member, open, onClose }: MemberDialogProps) {
  const adding = member === null;
  const add = useAddFleetMember();
  const edit = useUpdateFleetMember();
  const mutation = adding ? add : edit;
  const toast = useToast();
  const directory = useAgentDirectory();
  const [values, setValues] = useState<MemberValues>(() => valuesOf(member));
  const [checked, setChecked] = useState<FieldMessages<MemberField>>({});
  const missingRole = missingRoleMessage(mutation.error);
  const placed = mutation.error && !missingRole ? placeErrors(mutation.error, FIELDS) : null;
  const errors = { ...placed?.byField, ...checked };

  // Opening again starts from the member as the page has it now.
  const [shown, setShown] = useState({ open, member });
  if (shown.open !== open || shown.member !== member) {
    setShown({ open, member });
    if (open) {
      setValues(valuesOf(member));
      setChecked({});
    }
  }

  const memberIds = new Set(fleet.members.map((item) => item.agentId));
  const candidates = (directory.data?.items ?? []).filter((agent) => !memberIds.has(agent.id));
  const self = adding ? values.agentId : member.agentId;
  const delegates = fleet.members.filter((item) => item.agentId !== self);
  const set = (patch: Partial<MemberValues>) => setValues((current) => ({ ...current, ...patch }));

  const close = () => {
    add.reset();
    edit.reset();
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = check(values, adding);
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    const fields = {
      role: values.role,
      weight: Number(values.weight),
      maxConcurrent: Number(values.maxConcurrent),
      skills: skillsOf(values.skills),
      allowedDelegates: values.allowedDelegates.filter((id) => id !== self),
    };
    const done = (saved: FleetMember) => {
      toast.success(
        adding ? 'Member added' : 'Member saved',
        `${saved.agentName} is a ${ROLE_LABELS[saved.role].toLowerCase()} of ${fleet.name}.`,
      );
      close();
    };
    if (adding) add.mutate({ id: fleet.id, member: { agentId: values.agentId, ...fields } }, { onSuccess: done });
    else edit.mutate({ id: fleet.id, agentId: member.agentId, patch: fields }, { onSuccess: done });
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={adding ? 'Add a member' : `Edit ${member.agentName}`}
      description={adding ? `An agent of this workspace joins ${fleet.name}.` : `Its part in ${fleet.name}.`}
      submitLabel={adding ? 'Add member' : 'Save member'}
      pending={mutation.isPending}
      onSubmit={submit}
      banner={missingRole ?? placed?.banner ?? null}
      bannerTitle={missingRole ? 'A member role is missing' : 'Could not save the member'}
    >
      {adding && (
        <Field
          id="member-agent"
          label="Agent"
          error={errors.agentId}
          hint={directory.data && candidates.length === 0 ? 'Every agent of the workspace is already a member.' : undefined}
        >
          {(control) => (
            <Select {...control} value={values.agentId} onChange={(event) => set({ agentId: event.target.value })}>
              <option value="">{directory.isPending ? 'Loading agents…' : 'Choose an agent'}</option>
              {candidates.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field id="member-role" label="Role" error={errors.role}>
        {(control) => (
          <Select {...control} value={values.role} onChange={(event) => set({ role: event.target.value as FleetMemberRole })}>
            {FLEET_MEMBER_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="member-weight" label="Weight" error={errors.weight} hint="Share of the work when weighted, up to 1,000.">
          {(control) => (
            <Input
              {...control}
              inputMode="decimal"
              value={values.weight}
              onChange={(event) => set({ weight: event.target.value })}
            />
          )}
        </Field>
        <Field id="member-capacity" label="Capacity" error={errors.maxConcurrent} hint="Tasks it runs at once, 1–1,000.">
          {(control) => (
            <Input
              {...control}
              inputMode="numeric"
              value={values.maxConcurrent}
              onChange={(event) => set({ maxConcurrent: event.target.value })}
            />
          )}
        </Field>
      </div>
      <Field id="member-skills" label="Skills" optional error={errors.skills} hint="Lowercase words, separated by commas.">
        {(control) => (
          <Input
            {...control}
            value={values.skills}
            onChange={(event) => set({ skills: event.target.value })}
            autoComplete="off"
            placeholder="billing, sql"
            className="font-mono"
          />
        )}
      </Field>
      {delegates.length > 0 && (
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-800">May hand work to</legend>
          <ul className="flex flex-col gap-1.5">
            {delegates.map((item) => (
              <li key={item.agentId}>
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    checked={values.allowedDelegates.includes(item.agentId)}
                    onChange={(event) =>
                      set({
                        allowedDelegates: event.target.checked
                          ? [...values.allowedDelegates, item.agentId]
                          : values.allowedDelegates.filter((id) => id !== item.agentId),
                      })
                    }
                    className="size-4 cursor-pointer rounded accent-indigo-600"
                  />
                  <span className="min-w-0 break-words">{item.agentName}</span>
                </label>
              </li>
            ))}
          </ul>
          {errors.allowedDelegates && <p className="mt-1.5 text-xs font-medium text-red-600">{errors.allowedDelegates}</p>}
        </fieldset>
      )}
    </FormDialog>
  );
}
