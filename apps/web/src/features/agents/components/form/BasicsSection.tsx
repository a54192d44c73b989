import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { Textarea } from '../../../../components/ui/Textarea';
import { parseSkills } from '../../form/agent-form-values';
import { fieldId } from '../../form/field-paths';
import { FormSection } from './FormSection';
import type { SectionProps } from './section-props';

export function BasicsSection({ values, errors, onChange, disabled }: SectionProps) {
  const skills = parseSkills(values.skills);
  return (
    <FormSection title="Basics" description="How people and other agents recognise this agent.">
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <Field id={fieldId('name')} label="Name" error={errors['name']} className="sm:col-span-2">
          {(control) => (
            <Input
              {...control}
              value={values.name}
              onChange={(event) => onChange({ name: event.target.value })}
              disabled={disabled}
              autoComplete="off"
              maxLength={100}
              placeholder="e.g. Support triage"
            />
          )}
        </Field>
        <Field id={fieldId('role')} label="Role" error={errors['role']} optional hint="Its job in a fleet, e.g. reviewer.">
          {(control) => (
            <Input
              {...control}
              value={values.role}
              onChange={(event) => onChange({ role: event.target.value })}
              disabled={disabled}
              maxLength={100}
              placeholder="e.g. researcher"
            />
          )}
        </Field>
        <Field id={fieldId('skills')} label="Skills" error={errors['skills']} optional hint="Comma-separated lowercase tags.">
          {(control) => (
            <Input
              {...control}
              value={values.skills}
              onChange={(event) => onChange({ skills: event.target.value })}
              disabled={disabled}
              placeholder="research, summarization"
              autoCapitalize="none"
              spellCheck={false}
            />
          )}
        </Field>
        {skills.length > 0 && (
          <ul aria-label="Skill preview" className="-mt-2 flex flex-wrap gap-1.5 sm:col-span-2">
            {skills.map((skill, index) => (
              <li
                key={`${skill}-${index}`}
                className="rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-600 ring-1 ring-slate-200 ring-inset"
              >
                {skill.toLowerCase()}
              </li>
            ))}
          </ul>
        )}
        <Field id={fieldId('description')} label="Description" error={errors['description']} optional className="sm:col-span-2">
          {(control) => (
            <Textarea
              {...control}
              value={values.description}
              onChange={(event) => onChange({ description: event.target.value })}
              disabled={disabled}
              rows={3}
              maxLength={2000}
              placeholder="What this agent does and when to use it."
            />
          )}
        </Field>
      </div>
    </FormSection>
  );
}
