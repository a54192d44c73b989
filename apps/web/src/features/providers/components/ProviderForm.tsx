import type { Provider, ProviderUpsert } from '@agent-fleet/contracts';
import { useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { placeErrors, type FieldMessages } from '../../../lib/form-errors';
import { useFocusFirstError } from '../../../lib/useFocusFirstError';
import {
  emptyProviderForm,
  KIND_LABELS,
  maskedKeyHint,
  PROVIDER_FIELDS,
  providerFormValues,
  providerIdOf,
  validateProviderForm,
  type ConfigurableKind,
  type ProviderField,
  type ProviderFormValues,
} from '../provider-form';

const KINDS: readonly ConfigurableKind[] = ['openai', 'anthropic', 'openai-compatible'];

const BASE_URL_HINTS: Record<ConfigurableKind, string> = {
  openai: 'Optional: a proxy or gateway in front of the OpenAI API. Leave empty for api.openai.com.',
  anthropic: 'Optional: a proxy or gateway in front of the Anthropic API. Leave empty for api.anthropic.com.',
  'openai-compatible': 'Where the server answers /chat/completions, e.g. http://localhost:11434/v1 for Ollama.',
};

export interface ProviderFormProps {
  /** The form's id, for the dialog's submit button. */
  id: string;
  /** The provider being edited; null to add one. */
  provider: Provider | null;
  existing: readonly Provider[];
  pending: boolean;
  /** Saves the settings; calls `onError` when the server refused them. */
  onSubmit: (providerId: string, body: ProviderUpsert, onError: (error: unknown) => void) => void;
}

export function ProviderForm({ id, provider, existing, pending, onSubmit }: ProviderFormProps) {
  const [values, setValues] = useState<ProviderFormValues>(() => (provider ? providerFormValues(provider) : emptyProviderForm()));
  const [errors, setErrors] = useState<FieldMessages<ProviderField>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const { ref, focusFirstError } = useFocusFirstError();
  const editing = provider !== null;
  const compatible = values.kind === 'openai-compatible';

  const update = <K extends keyof ProviderFormValues>(field: K, value: ProviderFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field === 'removeKey' ? 'apiKey' : field]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBanner(null);
    const result = validateProviderForm(values, { editing: provider, existing });
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstError();
      return;
    }
    onSubmit(result.id, result.body, (error) => {
      const found = placeErrors(error, PROVIDER_FIELDS);
      setErrors(found.byField);
      setBanner(found.banner);
      focusFirstError();
    });
  };

  const keyHint = () => {
    if (values.removeKey) return 'The stored key is deleted when you save.';
    if (provider?.hasApiKey && provider.source === 'workspace') {
      return `Leave empty to keep the stored key (${maskedKeyHint(provider.apiKeyHint)}).`;
    }
    // The server's own key never serves workspace settings: another base URL could otherwise receive it.
    if (provider?.source === 'environment')
      return 'Settings saved here replace the server’s, key included: enter this workspace’s key.';
    return compatible ? 'Only if the server asks for one; local servers usually do not.' : 'Stored encrypted; never shown again.';
  };

  return (
    <form ref={ref} id={id} noValidate onSubmit={submit} className="flex flex-col gap-5">
      {banner && <FormAlert title="Could not save the provider">{banner}</FormAlert>}
      <Field
        id={`${id}-kind`}
        label="Kind"
        error={errors.kind}
        hint={editing ? 'The kind follows from the provider id and cannot change.' : 'How Agent Fleet talks to the provider.'}
      >
        {(control) => (
          <Select
            {...control}
            value={values.kind}
            onChange={(event) => update('kind', event.target.value as ConfigurableKind)}
            disabled={pending || editing}
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind === 'openai-compatible' ? 'OpenAI-compatible (Ollama, vLLM, LM Studio…)' : KIND_LABELS[kind]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        id={`${id}-id`}
        label="Provider id"
        error={errors.id}
        hint={
          compatible && !editing
            ? 'Lowercase, e.g. “ollama”. Agents name it as their model’s provider.'
            : 'Agents name it as their model’s provider.'
        }
      >
        {(control) => (
          <Input
            {...control}
            value={editing ? values.id : providerIdOf(values)}
            onChange={(event) => update('id', event.target.value)}
            readOnly={editing || !compatible}
            disabled={pending}
            placeholder={compatible ? 'ollama' : undefined}
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            className="font-mono"
          />
        )}
      </Field>
      <Field
        id={`${id}-base-url`}
        label="Base URL"
        optional={!compatible}
        error={errors.baseUrl}
        hint={BASE_URL_HINTS[values.kind]}
      >
        {(control) => (
          <Input
            {...control}
            type="url"
            inputMode="url"
            value={values.baseUrl}
            onChange={(event) => update('baseUrl', event.target.value)}
            disabled={pending}
            placeholder={compatible ? 'http://localhost:11434/v1' : undefined}
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
          />
        )}
      </Field>
      <Field id={`${id}-api-key`} label="API key" optional error={errors.apiKey} hint={keyHint()}>
        {(control) => (
          <Input
            {...control}
            type="password"
            value={values.apiKey}
            onChange={(event) => update('apiKey', event.target.value)}
            disabled={pending || values.removeKey}
            // A password manager must not fill in the user's own login here.
            autoComplete="new-password"
            spellCheck={false}
            maxLength={500}
            placeholder={provider?.hasApiKey ? maskedKeyHint(provider.apiKeyHint) : undefined}
          />
        )}
      </Field>
      {provider?.hasApiKey && provider.source === 'workspace' && (
        <label className="-mt-2 flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={values.removeKey}
            onChange={(event) => {
              update('removeKey', event.target.checked);
              if (event.target.checked) update('apiKey', '');
            }}
            disabled={pending}
            className="size-4 cursor-pointer rounded accent-indigo-600"
          />
          Remove the stored key
        </label>
      )}
    </form>
  );
}
