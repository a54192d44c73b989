import type { VariableDeclaration } from '../types';

/** What the playground's fields hold: text for most types, a boolean for checkboxes. */
export type VariableInputs = Record<string, string | boolean>;

/** Fields start empty (the server then applies the default); checkboxes start at their default. */
export function initialInputs(declarations: readonly VariableDeclaration[]): VariableInputs {
  return Object.fromEntries(
    declarations.map((declaration) => [declaration.name, declaration.type === 'boolean' ? declaration.default === true : '']),
  );
}

/** Keeps what was typed for variables that still exist, and starts new ones fresh. */
export function reconcileInputs(declarations: readonly VariableDeclaration[], current: VariableInputs): VariableInputs {
  const fresh = initialInputs(declarations);
  const next: VariableInputs = {};
  for (const declaration of declarations) {
    const kept = current[declaration.name];
    const matchesType = declaration.type === 'boolean' ? typeof kept === 'boolean' : typeof kept === 'string';
    next[declaration.name] = kept !== undefined && matchesType ? kept : (fresh[declaration.name] ?? '');
  }
  return next;
}

function parseJsonOf(text: string, accept: (value: unknown) => boolean): { value: unknown } | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return accept(value) ? { value } : undefined;
  } catch {
    return undefined;
  }
}

export interface VariableValues {
  /** Typed values to send; empty fields are left out so defaults apply. */
  values: Record<string, unknown>;
  /** Fields that cannot be sent as typed, by variable name. */
  errors: Record<string, string>;
}

/** Turns the fields into typed values the way the API checks them: no silent coercion. */
export function toVariableValues(declarations: readonly VariableDeclaration[], inputs: VariableInputs): VariableValues {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const { name, type } of declarations) {
    const input = inputs[name];
    if (type === 'boolean') {
      values[name] = input === true;
      continue;
    }
    const text = typeof input === 'string' ? input : '';
    if ((type === 'string' ? text : text.trim()) === '') continue;
    switch (type) {
      case 'string':
      case 'enum':
        values[name] = text;
        break;
      case 'number': {
        const value = Number(text);
        if (Number.isFinite(value)) values[name] = value;
        else errors[name] = 'Enter a number';
        break;
      }
      case 'list': {
        const parsed = parseJsonOf(text, Array.isArray);
        if (parsed) values[name] = parsed.value;
        else errors[name] = 'Enter a JSON list, e.g. ["a", "b"]';
        break;
      }
      case 'object': {
        const parsed = parseJsonOf(text, (value) => typeof value === 'object' && value !== null && !Array.isArray(value));
        if (parsed) values[name] = parsed.value;
        else errors[name] = 'Enter a JSON object, e.g. {"key": "value"}';
        break;
      }
    }
  }
  return { values, errors };
}
