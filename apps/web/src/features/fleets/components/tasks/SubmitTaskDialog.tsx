import type { FleetDetail, FleetTask } from '@agent-fleet/contracts';
import { useState, type FormEvent } from 'react';
import { Field } from '../../../../components/ui/Field';
import { FormDialog } from '../../../../components/ui/FormDialog';
import { Input } from '../../../../components/ui/Input';
import { Textarea } from '../../../../components/ui/Textarea';
import { useToast } from '../../../../components/ui/useToast';
import { placeErrors, type FieldMessages } from '../../../../lib/form-errors';
import { skillsOf, taskInputOf } from '../../task-input';
import { useSubmitFleetTask } from '../../task-mutations';
import { SkillChips } from '../SkillChips';

const FIELDS = ['input', 'skills', 'priority'] as const;
type TaskField = (typeof FIELDS)[number];

interface TaskValues {
  input: string;
  /** Comma-separated. */
  skills: string;
  priority: string;
}

const EMPTY: TaskValues = { input: '', skills: '', priority: '0' };

/** What the form can tell before sending: some input, a whole priority in range. The server checks the rest. */
function check(values: TaskValues): FieldMessages<TaskField> {
  const errors: FieldMessages<TaskField> = {};
  if (values.input.trim() === '') errors.input = 'Enter what the agent is asked';
  const priority = Number(values.priority.trim());
  if (values.priority.trim() === '' || !Number.isInteger(priority) || priority < -100 || priority > 100) {
    errors.priority = 'Enter a whole number from −100 to 100';
  }
  return errors;
}

export interface SubmitTaskDialogProps {
  fleet: FleetDetail;
  open: boolean;
  onClose: () => void;
  /** After the server accepted the task (the dialog has closed). */
  onSubmitted: (task: FleetTask) => void;
}

/** Sends a task to the fleet: its input (text, or a JSON object), the skills it needs and its priority. */
export function SubmitTaskDialog({ fleet, open, onClose, onSubmitted }: SubmitTaskDialogProps) {
  const submitTask = useSubmitFleetTask();
  const toast = useToast();
  const [values, setValues] = useState<TaskValues>(EMPTY);
  const [checked, setChecked] = useState<FieldMessages<TaskField>>({});
  const placed = submitTask.error ? placeErrors(submitTask.error, FIELDS) : null;
  const errors = { ...placed?.byField, ...checked };
  const input = taskInputOf(values.input);
  const skills = skillsOf(values.skills);
  const set = (patch: Partial<TaskValues>) => setValues((current) => ({ ...current, ...patch }));

  const close = () => {
    submitTask.reset();
    setValues(EMPTY);
    setChecked({});
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = check(values);
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    submitTask.mutate(
      { fleetId: fleet.id, task: { input, skills, priority: Number(values.priority.trim()) } },
      {
        onSuccess: (task) => {
          toast.success('Task submitted', `${fleet.name} places it on a member.`);
          close();
          onSubmitted(task);
        },
      },
    );
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Submit a task"
      description={`The fleet’s strategy places it on a member of ${fleet.name}; the task list says who took it and why.`}
      submitLabel="Submit task"
      pending={submitTask.isPending}
      onSubmit={submit}
      banner={placed?.banner ?? null}
      bannerTitle="Could not submit the task"
      size="lg"
    >
      <Field
        id="task-input"
        label="Input"
        error={errors.input}
        hint={
          typeof input === 'string'
            ? 'Sent as text. A JSON object ({ … }) is sent as JSON.'
            : 'Sent as a JSON object: the agent receives it as indented JSON.'
        }
      >
        {(control) => (
          <Textarea
            {...control}
            rows={6}
            value={values.input}
            onChange={(event) => set({ input: event.target.value })}
            placeholder="Summarise ticket 4521"
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <Field
          id="task-skills"
          label="Skills"
          optional
          error={errors.skills}
          hint="Lowercase words, separated by commas. Members must hold them (skill match ranks by them)."
        >
          {(control) => (
            <div className="flex flex-col gap-2">
              <Input
                {...control}
                value={values.skills}
                onChange={(event) => set({ skills: event.target.value })}
                autoComplete="off"
                placeholder="billing, sql"
                className="font-mono"
              />
              {skills.length > 0 && <SkillChips skills={skills} />}
            </div>
          )}
        </Field>
        <Field id="task-priority" label="Priority" error={errors.priority} hint="−100 to 100; higher goes first.">
          {(control) => (
            <Input
              {...control}
              inputMode="numeric"
              value={values.priority}
              onChange={(event) => set({ priority: event.target.value })}
            />
          )}
        </Field>
      </div>
    </FormDialog>
  );
}
