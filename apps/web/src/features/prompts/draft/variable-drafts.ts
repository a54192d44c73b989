import { VARIABLE_NAME_PATTERN } from '@agent-fleet/contracts/constants';
import type { VariableDeclaration, VariableType } from '../types';
import { newDraftKey } from './draft-key';
import { formatDefault } from './format-default';

/** A variable declaration as typed: defaults and options stay text until the draft is saved. */
export interface VariableDraft {
  /** Stable React key. */
  key: string;
  name: string;
  type: VariableType;
  required: boolean;
  /** '' for no default; JSON for lists and objects, "true"/"false" for booleans. */
  defaultValue: string;
  description: string;
  /** Enum options, comma-separated. */
  options: string;
}

export const newVariable = (name = ''): VariableDraft => ({
  key: newDraftKey(),
  name,
  type: 'string',
  required: false,
  defaultValue: '',
  description: '',
  options: '',
});

/** Problems of one variable row, by field. */
export type VariableErrors = Partial<Record<'name' | 'defaultValue' | 'options' | 'description', string>>;

export type DeclarationsResult =
  | { ok: true; declarations: VariableDeclaration[] }
  /** Keyed by the row's `key`. */
  | { ok: false; errors: Record<string, VariableErrors> };

/** Enum options from the comma-separated field: trimmed, without blanks or repeats. */
export const parseOptions = (options: string): string[] => [
  ...new Set(
    options
      .split(/[,\n]/)
      .map((option) => option.trim())
      .filter((option) => option !== ''),
  ),
];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** A default typed as its variable's type; `{}` for no default; `{ error }` when it does not fit. */
export function parseDefault(draft: VariableDraft): { value?: unknown; error?: string } {
  const raw = draft.type === 'string' ? draft.defaultValue : draft.defaultValue.trim();
  if (raw === '') return {};
  switch (draft.type) {
    case 'string':
      return { value: raw };
    case 'number': {
      const value = Number(raw);
      return Number.isFinite(value) ? { value } : { error: 'Enter a number' };
    }
    case 'boolean':
      return raw === 'true' || raw === 'false' ? { value: raw === 'true' } : { error: 'Choose true or false' };
    case 'enum':
      return parseOptions(draft.options).includes(raw) ? { value: raw } : { error: 'Pick one of the options' };
    case 'list': {
      const parsed = parseJson(raw);
      return parsed && Array.isArray(parsed.value) ? { value: parsed.value } : { error: 'Enter a JSON list, e.g. ["a", "b"]' };
    }
    case 'object': {
      const parsed = parseJson(raw);
      return parsed && isPlainObject(parsed.value)
        ? { value: parsed.value }
        : { error: 'Enter a JSON object, e.g. {"key": "value"}' };
    }
  }
}

/** The declarations the rows stand for, as the API expects them, or every row's problems. */
export function toDeclarations(drafts: readonly VariableDraft[]): DeclarationsResult {
  const errors: Record<string, VariableErrors> = {};
  const declarations: VariableDeclaration[] = [];
  const seen = new Set<string>();
  for (const draft of drafts) {
    const rowErrors: VariableErrors = {};
    const name = draft.name.trim();
    if (name === '') rowErrors.name = 'Name the variable';
    else if (!VARIABLE_NAME_PATTERN.test(name)) rowErrors.name = 'Use letters, digits, "_" or "-", starting with a letter or "_"';
    else if (seen.has(name)) rowErrors.name = 'Declared twice';
    seen.add(name);

    const options = parseOptions(draft.options);
    if (draft.type === 'enum' && options.length === 0) rowErrors.options = 'Add at least one option';
    const parsedDefault = parseDefault(draft);
    if (parsedDefault.error) rowErrors.defaultValue = parsedDefault.error;
    const description = draft.description.trim();
    if (description.length > 500) rowErrors.description = 'At most 500 characters';

    if (Object.keys(rowErrors).length > 0) {
      errors[draft.key] = rowErrors;
      continue;
    }
    declarations.push({
      name,
      type: draft.type,
      required: draft.required,
      ...('value' in parsedDefault ? { default: parsedDefault.value } : {}),
      ...(description ? { description } : {}),
      ...(draft.type === 'enum' ? { options } : {}),
    });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, declarations };
}

export function fromDeclarations(declarations: readonly VariableDeclaration[]): VariableDraft[] {
  return declarations.map((declaration) => ({
    key: newDraftKey(),
    name: declaration.name,
    type: declaration.type,
    required: declaration.required,
    defaultValue: formatDefault(declaration.default),
    description: declaration.description ?? '',
    options: (declaration.options ?? []).join(', '),
  }));
}
