import type { ModelInfo } from '@agent-fleet/contracts';
import { Plus, Trash2 } from 'lucide-react';
import { Button } from '../../../../components/ui/Button';
import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { newFallbackKey, type FallbackValue } from '../../form/agent-form-values';
import { fieldId, PROVIDER_LIST_ID } from '../../form/field-paths';
import { ModelSuggestions } from './ModelSuggestions';
import type { SectionProps } from './section-props';

/** Mirrors the contract's limit so the add button disables before the server would refuse. */
const MAX_FALLBACKS = 5;

export interface FallbacksEditorProps extends SectionProps {
  /** Known models, suggested for each row's provider. */
  catalogue: readonly ModelInfo[];
}

/** An editable, ordered list of fallback models, tried in order when the primary model fails. */
export function FallbacksEditor({ values, errors, onChange, disabled, catalogue }: FallbacksEditorProps) {
  const { fallbacks } = values;
  const listError = errors['model.fallbacks'];

  const update = (index: number, patch: Partial<FallbackValue>) =>
    onChange({ fallbacks: fallbacks.map((item, i) => (i === index ? { ...item, ...patch } : item)) });
  const remove = (index: number) => onChange({ fallbacks: fallbacks.filter((_, i) => i !== index) });
  const add = () => onChange({ fallbacks: [...fallbacks, { key: newFallbackKey(), provider: '', model: '' }] });

  return (
    <div className="mt-6 border-t border-slate-100 pt-5">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h3 className="text-sm font-medium text-slate-800">Fallback models</h3>
          <p className="text-xs text-slate-500">Tried in order when the primary model fails. Up to {MAX_FALLBACKS}.</p>
        </div>
        <Button
          size="sm"
          onClick={add}
          disabled={disabled || fallbacks.length >= MAX_FALLBACKS}
          icon={<Plus className="size-3.5" aria-hidden="true" />}
        >
          Add fallback
        </Button>
      </div>

      {fallbacks.length > 0 && (
        <ol className="mt-4 flex flex-col gap-3">
          {fallbacks.map((fallback, index) => {
            const number = index + 1;
            const providerPath = `model.fallbacks.${index}.provider`;
            const modelPath = `model.fallbacks.${index}.model`;
            const suggestionsId = `${fieldId(modelPath)}-suggestions`;
            return (
              <li key={fallback.key} className="flex items-start gap-2 animate-fade-in">
                <span
                  className="mt-2 flex size-5 shrink-0 items-center justify-center rounded-full bg-slate-100 text-[11px] font-semibold text-slate-500"
                  aria-hidden="true"
                >
                  {number}
                </span>
                <div className="grid min-w-0 flex-1 grid-cols-1 gap-2 sm:grid-cols-2">
                  <Field id={fieldId(providerPath)} label={`Fallback ${number} provider`} hideLabel error={errors[providerPath]}>
                    {(control) => (
                      <Input
                        {...control}
                        list={PROVIDER_LIST_ID}
                        value={fallback.provider}
                        onChange={(event) => update(index, { provider: event.target.value })}
                        disabled={disabled}
                        placeholder="provider"
                        autoCapitalize="none"
                        spellCheck={false}
                        className="font-mono"
                      />
                    )}
                  </Field>
                  <Field id={fieldId(modelPath)} label={`Fallback ${number} model`} hideLabel error={errors[modelPath]}>
                    {(control) => (
                      <Input
                        {...control}
                        list={suggestionsId}
                        value={fallback.model}
                        onChange={(event) => update(index, { model: event.target.value })}
                        disabled={disabled}
                        placeholder="model"
                        autoCapitalize="none"
                        spellCheck={false}
                        className="font-mono"
                      />
                    )}
                  </Field>
                  <ModelSuggestions id={suggestionsId} provider={fallback.provider} catalogue={catalogue} />
                </div>
                <Button
                  variant="danger-ghost"
                  size="icon"
                  onClick={() => remove(index)}
                  disabled={disabled}
                  aria-label={`Remove fallback ${number}`}
                  className="mt-0.5"
                >
                  <Trash2 className="size-4" aria-hidden="true" />
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      {listError && <p className="mt-2 text-xs font-medium text-red-600">{listError}</p>}
    </div>
  );
}
