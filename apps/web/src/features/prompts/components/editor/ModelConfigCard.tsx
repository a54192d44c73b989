import { Card } from '../../../../components/ui/Card';
import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { temperatureError, type PromptDraft } from '../../draft/prompt-draft';
import type { ConfigField } from '../../draft/save-errors';

export interface ModelConfigCardProps {
  draft: PromptDraft;
  onChange: (patch: Partial<PromptDraft>) => void;
  /** From a refused save. */
  errors: Partial<Record<ConfigField, string>>;
  readOnly?: boolean;
}

/** Model defaults saved with the version; agents may override them. */
export function ModelConfigCard({ draft, onChange, errors, readOnly }: ModelConfigCardProps) {
  const temperature = errors.temperature ?? temperatureError(draft.temperature);
  return (
    <Card title="Model" description="Optional defaults for whoever runs this prompt.">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Field id="prompt-config-provider" label="Provider" optional error={errors.provider}>
          {(control) => (
            <Input
              {...control}
              value={draft.provider}
              onChange={(event) => onChange({ provider: event.target.value })}
              disabled={readOnly}
              placeholder="openai"
              autoCapitalize="none"
              spellCheck={false}
              className="font-mono"
            />
          )}
        </Field>
        <Field id="prompt-config-model" label="Model" optional error={errors.model}>
          {(control) => (
            <Input
              {...control}
              value={draft.model}
              onChange={(event) => onChange({ model: event.target.value })}
              disabled={readOnly}
              placeholder="gpt-4o-mini"
              autoCapitalize="none"
              spellCheck={false}
              className="font-mono"
            />
          )}
        </Field>
        <Field id="prompt-config-temperature" label="Temperature" optional error={temperature} hint="0 to 2">
          {(control) => (
            <Input
              {...control}
              value={draft.temperature}
              onChange={(event) => onChange({ temperature: event.target.value })}
              disabled={readOnly}
              inputMode="decimal"
              placeholder="0.7"
            />
          )}
        </Field>
      </div>
    </Card>
  );
}
