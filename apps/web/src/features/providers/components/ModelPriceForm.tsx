import type { ModelInfo, ModelPriceOverride } from '@agent-fleet/contracts';
import { useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import type { FieldMessages } from '../../../lib/form-errors';
import { useFocusFirstError } from '../../../lib/useFocusFirstError';
import {
  modelPriceFormValues,
  modelPriceSubmitErrors,
  PRICE_KEYS,
  PRICE_LABELS,
  priceFallbackOf,
  validateModelPriceForm,
  type ModelPriceField,
  type ModelPriceFormValues,
} from '../model-price-form';

export interface ModelPriceFormProps {
  /** The form's id, for the dialog's submit button. */
  id: string;
  /** The model whose prices to override; null to add a model. */
  model: ModelInfo | null;
  /** Provider ids to choose from when adding a model. */
  providerIds: readonly string[];
  /** Preselected provider when adding. */
  defaultProvider: string;
  pending: boolean;
  onSubmit: (body: ModelPriceOverride, onError: (error: unknown) => void) => void;
}

export function ModelPriceForm({ id, model, providerIds, defaultProvider, pending, onSubmit }: ModelPriceFormProps) {
  const [values, setValues] = useState<ModelPriceFormValues>(() =>
    modelPriceFormValues(model, defaultProvider || providerIds[0] || ''),
  );
  const [errors, setErrors] = useState<FieldMessages<ModelPriceField>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const { ref, focusFirstError } = useFocusFirstError();
  const adding = model === null;

  const update = (field: ModelPriceField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBanner(null);
    const result = validateModelPriceForm(values);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstError();
      return;
    }
    onSubmit(result.body, (error) => {
      const found = modelPriceSubmitErrors(error);
      setErrors(found.byField);
      setBanner(found.banner);
      focusFirstError();
    });
  };

  return (
    <form ref={ref} id={id} noValidate onSubmit={submit} className="flex flex-col gap-5">
      {banner && <FormAlert title="Could not save the prices">{banner}</FormAlert>}
      {adding && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={`${id}-provider`} label="Provider" error={errors.provider}>
            {(control) => (
              <Select
                {...control}
                value={values.provider}
                onChange={(event) => update('provider', event.target.value)}
                disabled={pending}
              >
                {providerIds.map((providerId) => (
                  <option key={providerId} value={providerId}>
                    {providerId}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id={`${id}-model`} label="Model id" error={errors.model} hint="As the provider names it, e.g. “llama3.1:8b”.">
            {(control) => (
              <Input
                {...control}
                value={values.model}
                onChange={(event) => update('model', event.target.value)}
                disabled={pending}
                autoComplete="off"
                spellCheck={false}
                maxLength={200}
                className="font-mono"
              />
            )}
          </Field>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-label`} label="Display name" optional error={errors.label}>
          {(control) => (
            <Input
              {...control}
              value={values.label}
              onChange={(event) => update('label', event.target.value)}
              disabled={pending}
              autoComplete="off"
              maxLength={200}
            />
          )}
        </Field>
        <Field id={`${id}-context`} label="Context window" optional error={errors.contextWindow} hint="In tokens.">
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              value={values.contextWindow}
              onChange={(event) => update('contextWindow', event.target.value)}
              disabled={pending}
            />
          )}
        </Field>
      </div>
      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-medium text-slate-800">Prices</legend>
        <p className="-mt-1 text-xs text-slate-500">
          US dollars per million tokens. Empty cached-input and cache-write prices take the input price; reasoning takes the
          output price.
        </p>
        <div className="grid gap-4 sm:grid-cols-3">
          {PRICE_KEYS.map((key) => {
            const fallback = priceFallbackOf(key);
            return (
              <Field key={key} id={`${id}-${key}`} label={PRICE_LABELS[key]} error={errors[key]}>
                {(control) => (
                  <Input
                    {...control}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    step="any"
                    value={values[key]}
                    onChange={(event) => update(key, event.target.value)}
                    disabled={pending}
                    placeholder={fallback ? `= ${PRICE_LABELS[fallback].toLowerCase()}` : '0.00'}
                  />
                )}
              </Field>
            );
          })}
        </div>
      </fieldset>
    </form>
  );
}
