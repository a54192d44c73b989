import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { useModels } from '../../../providers/api';
import { DEFAULT_PROVIDER, PROVIDER_SUGGESTIONS } from '../../form/agent-form-values';
import { fieldId, PROVIDER_LIST_ID } from '../../form/field-paths';
import { FallbacksEditor } from './FallbacksEditor';
import { FormSection } from './FormSection';
import { modelHint, ModelSuggestions } from './ModelSuggestions';
import type { SectionProps } from './section-props';

const MODEL_LIST_ID = 'agent-model-suggestions';

export function ModelSection(props: SectionProps) {
  const { values, errors, onChange, disabled } = props;
  // Every provider's models: the catalogue merged with this workspace's price overrides.
  const catalogue = useModels('').data?.items;
  const known = new Set<string>(PROVIDER_SUGGESTIONS.map((provider) => provider.value));
  const extraProviders = [...new Set((catalogue ?? []).map((model) => model.provider))].filter((id) => !known.has(id));
  return (
    <FormSection
      title="Model"
      description={
        <>
          The LLM this agent calls. <span className="font-mono text-xs">{DEFAULT_PROVIDER}</span> runs offline and is always
          available; other providers need their API key set on the server.
        </>
      }
    >
      <datalist id={PROVIDER_LIST_ID}>
        {PROVIDER_SUGGESTIONS.map((provider) => (
          <option key={provider.value} value={provider.value}>
            {provider.label}
          </option>
        ))}
        {extraProviders.map((provider) => (
          <option key={provider} value={provider} />
        ))}
      </datalist>
      <ModelSuggestions id={MODEL_LIST_ID} provider={values.provider} catalogue={catalogue ?? []} />

      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <Field
          id={fieldId('model.provider')}
          label="Provider"
          error={errors['model.provider']}
          hint="Any provider id, e.g. openai."
        >
          {(control) => (
            <Input
              {...control}
              list={PROVIDER_LIST_ID}
              value={values.provider}
              onChange={(event) => onChange({ provider: event.target.value })}
              disabled={disabled}
              autoCapitalize="none"
              spellCheck={false}
              className="font-mono"
            />
          )}
        </Field>
        <Field
          id={fieldId('model.model')}
          label="Model"
          error={errors['model.model']}
          hint={modelHint(values.provider, values.model, catalogue)}
        >
          {(control) => (
            <Input
              {...control}
              list={MODEL_LIST_ID}
              value={values.model}
              onChange={(event) => onChange({ model: event.target.value })}
              disabled={disabled}
              autoCapitalize="none"
              spellCheck={false}
              className="font-mono"
            />
          )}
        </Field>
      </div>

      <div className="mt-5 grid grid-cols-1 gap-5 sm:grid-cols-3">
        <Field id={fieldId('model.temperature')} label="Temperature" error={errors['model.temperature']} optional hint="0–2">
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="decimal"
              step="any"
              value={values.temperature}
              onChange={(event) => onChange({ temperature: event.target.value })}
              disabled={disabled}
              placeholder="Default"
            />
          )}
        </Field>
        <Field id={fieldId('model.maxTokens')} label="Max tokens" error={errors['model.maxTokens']} optional hint="Per call">
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="numeric"
              step={1}
              value={values.maxTokens}
              onChange={(event) => onChange({ maxTokens: event.target.value })}
              disabled={disabled}
              placeholder="Default"
            />
          )}
        </Field>
        <Field id={fieldId('model.topP')} label="Top P" error={errors['model.topP']} optional hint="0–1">
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="decimal"
              step="any"
              value={values.topP}
              onChange={(event) => onChange({ topP: event.target.value })}
              disabled={disabled}
              placeholder="Default"
            />
          )}
        </Field>
      </div>

      <FallbacksEditor {...props} catalogue={catalogue ?? []} />
    </FormSection>
  );
}
