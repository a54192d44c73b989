import type { ModelInfo } from '@agent-fleet/contracts';

export interface ModelSuggestionsProps {
  /** The datalist id the model input's `list` names. */
  id: string;
  provider: string;
  catalogue: readonly ModelInfo[];
}

/** The catalogue's models of `provider`, as suggestions: the input still takes any model id. */
export function ModelSuggestions({ id, provider, catalogue }: ModelSuggestionsProps) {
  return (
    <datalist id={id}>
      {catalogue
        .filter((model) => model.provider === provider.trim())
        .map((model) => (
          <option key={model.model} value={model.model}>
            {model.label}
          </option>
        ))}
    </datalist>
  );
}

const perMillion = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });

/** One line about a chosen model: its catalogue name and price, or that it is not in the catalogue. */
export function modelHint(provider: string, model: string, catalogue: readonly ModelInfo[] | undefined): string {
  const found = catalogue?.find((entry) => entry.provider === provider.trim() && entry.model === model.trim());
  if (!catalogue || model.trim() === '') return "The provider's model name.";
  if (!found) return 'Not in the model catalogue; any id the provider accepts works.';
  const { input, output } = found.prices;
  return `${found.label}: ${perMillion.format(input)} in / ${perMillion.format(output)} out per million tokens.`;
}
