import { isApiError } from '../../lib/api-error';
import { prettyJson } from '../../lib/json';
import { placeErrors } from '../../lib/form-errors';
import { formatDefault } from '../prompts/draft/format-default';
import { toVariableValues, type VariableInputs, type VariableValues } from '../prompts/draft/variable-values';
import type { VariableDeclaration } from '../prompts/types';

/** A conversation's stored values for its agent's system prompt template. */
export type ConversationVariables = Record<string, unknown>;

/** `support-reply@production` split into the template name and its label (or version number). */
export interface TemplateRef {
  name: string;
  selector: string;
}

/** The contract allows exactly one `@`, between the name and the selector. */
export function parseTemplateRef(ref: string): TemplateRef {
  const at = ref.lastIndexOf('@');
  return { name: ref.slice(0, at), selector: ref.slice(at + 1) };
}

/** A variable the server insists on: required, and no default to fall back on. */
export const isMandatory = (declaration: VariableDeclaration): boolean =>
  declaration.required && declaration.default === undefined;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function inputOf(declaration: VariableDeclaration, value: unknown): string | boolean {
  // A checkbox cannot show "unset": it starts where the server would land, the default.
  if (declaration.type === 'boolean') return typeof value === 'boolean' ? value : declaration.default === true;
  if (value === undefined || value === null) return '';
  switch (declaration.type) {
    case 'enum':
      return typeof value === 'string' && (declaration.options ?? []).includes(value) ? value : '';
    case 'list':
    case 'object':
      return prettyJson(value);
    default:
      return formatDefault(value);
  }
}

/** The form's fields for the stored values; an empty field means "unset", so the template's default applies. */
export function inputsFromValues(declarations: readonly VariableDeclaration[], stored: ConversationVariables): VariableInputs {
  return Object.fromEntries(
    declarations.map((declaration) => [declaration.name, inputOf(declaration, stored[declaration.name])]),
  );
}

/** Stored values the template does not declare. The server passes them through, so saving keeps them. */
export function undeclaredValues(
  declarations: readonly VariableDeclaration[],
  stored: ConversationVariables,
): ConversationVariables {
  const declared = new Set(declarations.map((declaration) => declaration.name));
  return Object.fromEntries(Object.entries(stored).filter(([name]) => !declared.has(name)));
}

/**
 * The values to save, typed the way the server checks them (no coercion), or the fields that would
 * make the next message fail: a mistyped value, or a mandatory variable left empty.
 */
export function toConversationVariables(
  declarations: readonly VariableDeclaration[],
  inputs: VariableInputs,
  stored: ConversationVariables,
): VariableValues {
  const { values, errors } = toVariableValues(declarations, inputs);
  for (const declaration of declarations) {
    if (isMandatory(declaration) && !(declaration.name in values)) errors[declaration.name] ??= 'Required';
  }
  return { values: { ...undeclaredValues(declarations, stored), ...values }, errors };
}

export type JsonVariables = { ok: true; values: ConversationVariables } | { ok: false; error: string };

/** The fallback editor's text as variables: a JSON object, or blank for none. */
export function parseVariablesJson(text: string): JsonVariables {
  if (text.trim() === '') return { ok: true, values: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This is not valid JSON' };
  }
  return isPlainObject(value)
    ? { ok: true, values: value }
    : { ok: false, error: 'Enter a JSON object, e.g. {"customer": "ACME"}' };
}

/** The server words variable problems as predicates ("is required"); beside a field they read as sentences. */
const asSentence = (message: string): string =>
  message === 'is required' ? 'Required' : message.charAt(0).toUpperCase() + message.slice(1);

const variableOf = (path: string): string | undefined =>
  path.startsWith('variables.') ? path.slice('variables.'.length).split('.')[0] : undefined;

export interface VariableProblems {
  /** Beside the field, by variable name. */
  byField: Record<string, string>;
  /** Everything else: problems of variables without a field here, or a failure that is not about one. */
  banner: string | null;
}

/** Sorts a refused save or send (400 with `variables.<name>` errors) into messages beside `fields` and a banner. */
export function variableProblems(error: unknown, fields: readonly string[]): VariableProblems {
  if (error === null || error === undefined) return { byField: {}, banner: null };
  const placed = placeErrors(error, (path) => {
    const name = variableOf(path);
    return name !== undefined && fields.includes(name) ? name : undefined;
  });
  const byField = Object.fromEntries(Object.entries(placed.byField).map(([name, message]) => [name, asSentence(message ?? '')]));
  if (placed.unmatched.length === 0) return { byField, banner: placed.banner };
  const other = placed.unmatched.map(({ path, message }) => {
    const name = variableOf(path);
    return name === undefined ? message : `${name} ${message}`;
  });
  return { byField, banner: other.join('; ') };
}

/**
 * Whether a refused message was refused because the system prompt template could not be rendered with
 * the conversation's variables, which setting them may fix. A `validation_failed` about the message
 * itself (too long, a bad response format) is not.
 */
export function isVariablesRefusal(error: unknown): boolean {
  if (!isApiError(error) || error.status !== 400) return false;
  if (error.code === 'render_failed') return true;
  return error.code === 'validation_failed' && error.fieldErrors.some((fieldError) => fieldError.path.startsWith('variables'));
}

/** The refused variables as short lines ("customer is required"), for the notice above the composer. */
export function refusedVariables(error: unknown): string[] {
  if (!isApiError(error)) return [];
  return error.fieldErrors.flatMap((fieldError) => {
    const name = variableOf(fieldError.path);
    return name === undefined ? [] : [`${name} ${fieldError.message}`];
  });
}
