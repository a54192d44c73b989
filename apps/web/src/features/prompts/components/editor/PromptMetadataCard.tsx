import { Card } from '../../../../components/ui/Card';
import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { Textarea } from '../../../../components/ui/Textarea';
import type { MetaErrors, PromptMetaDraft } from '../../draft/prompt-meta';

export interface PromptMetadataCardProps {
  meta: PromptMetaDraft;
  onChange: (patch: Partial<PromptMetaDraft>) => void;
  errors: MetaErrors;
  disabled?: boolean;
}

/** A new template's name (fixed once created) and how the library files it. */
export function PromptMetadataCard({ meta, onChange, errors, disabled }: PromptMetadataCardProps) {
  return (
    <Card title="Details" description="Agents reference the template by its name, e.g. support-reply@production.">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field
          id="prompt-name"
          label="Name"
          error={errors.name}
          hint="Letters, digits, “.”, “_” or “-”. Cannot be changed later."
        >
          {(control) => (
            <Input
              {...control}
              value={meta.name}
              onChange={(event) => onChange({ name: event.target.value })}
              disabled={disabled}
              placeholder="support-reply"
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
            />
          )}
        </Field>
        <Field id="prompt-category" label="Category" optional error={errors.category} hint="A folder path, e.g. support/triage">
          {(control) => (
            <Input
              {...control}
              value={meta.category}
              onChange={(event) => onChange({ category: event.target.value })}
              disabled={disabled}
              placeholder="support/triage"
              autoCapitalize="none"
              spellCheck={false}
              className="font-mono"
            />
          )}
        </Field>
        <Field id="prompt-tags" label="Tags" optional error={errors.tags} hint="Comma-separated, lowercase">
          {(control) => (
            <Input
              {...control}
              value={meta.tags}
              onChange={(event) => onChange({ tags: event.target.value })}
              disabled={disabled}
              placeholder="email, tone"
              autoCapitalize="none"
            />
          )}
        </Field>
        <Field id="prompt-description" label="Description" optional error={errors.description} className="sm:row-span-2">
          {(control) => (
            <Textarea
              {...control}
              value={meta.description}
              onChange={(event) => onChange({ description: event.target.value })}
              disabled={disabled}
              rows={2}
              placeholder="What the prompt is for"
            />
          )}
        </Field>
      </div>
    </Card>
  );
}
