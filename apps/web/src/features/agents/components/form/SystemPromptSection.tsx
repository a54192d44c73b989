import { FileText, Link2 } from 'lucide-react';
import { clsx } from 'clsx';
import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { Textarea } from '../../../../components/ui/Textarea';
import { formatNumber } from '../../../../lib/format';
import type { PromptType } from '../../form/agent-form-values';
import { fieldId } from '../../form/field-paths';
import { FormSection } from './FormSection';
import type { SectionProps } from './section-props';

const PROMPT_LIMIT = 100_000;

const SOURCES: { value: PromptType; label: string; Icon: typeof FileText }[] = [
  { value: 'inline', label: 'Inline text', Icon: FileText },
  { value: 'template', label: 'Template', Icon: Link2 },
];

export function SystemPromptSection({ values, errors, onChange, disabled }: SectionProps) {
  const sourceError = errors['systemPrompt'];
  return (
    <FormSection
      title="System prompt"
      description="Instructions sent before every conversation. Write them here, or point to a versioned prompt template."
    >
      <fieldset disabled={disabled}>
        <legend className="sr-only">Prompt source</legend>
        <div className="inline-flex rounded-lg bg-slate-100 p-1 ring-1 ring-slate-200 ring-inset">
          {SOURCES.map(({ value, label, Icon }) => (
            <label
              key={value}
              className={clsx(
                'flex cursor-pointer items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium transition-colors',
                'has-focus-visible:outline-2 has-focus-visible:outline-indigo-600',
                values.promptType === value ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-500 hover:text-slate-700',
              )}
            >
              <input
                type="radio"
                name="agent-prompt-source"
                value={value}
                checked={values.promptType === value}
                onChange={() => onChange({ promptType: value })}
                className="sr-only"
              />
              <Icon className="size-4" aria-hidden="true" />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {sourceError && <p className="mt-2 text-xs font-medium text-red-600">{sourceError}</p>}

      <div className="mt-5">
        {values.promptType === 'inline' ? (
          <Field
            id={fieldId('systemPrompt.text')}
            label="System prompt"
            error={errors['systemPrompt.text']}
            optional
            hint={`${formatNumber(values.promptText.length)} / ${formatNumber(PROMPT_LIMIT)} characters`}
          >
            {(control) => (
              <Textarea
                {...control}
                value={values.promptText}
                onChange={(event) => onChange({ promptText: event.target.value })}
                disabled={disabled}
                rows={8}
                className="font-mono text-[13px]"
                placeholder="You are a careful assistant that…"
              />
            )}
          </Field>
        ) : (
          <Field
            id={fieldId('systemPrompt.ref')}
            label="Template reference"
            error={errors['systemPrompt.ref']}
            hint={
              <>
                <span className="font-mono">name@label</span> or <span className="font-mono">name@version</span>, e.g.{' '}
                <span className="font-mono">support/triage@production</span>. Moving the label updates the agent.
              </>
            }
          >
            {(control) => (
              <Input
                {...control}
                value={values.promptRef}
                onChange={(event) => onChange({ promptRef: event.target.value })}
                disabled={disabled}
                className="font-mono"
                placeholder="support/triage@production"
                autoCapitalize="none"
                spellCheck={false}
              />
            )}
          </Field>
        )}
      </div>
    </FormSection>
  );
}
