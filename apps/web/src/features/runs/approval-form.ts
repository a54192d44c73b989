/** One field of an approval's form, when its JSON Schema is simple enough to draw as inputs. */
export interface ApprovalField {
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'enum';
  label: string;
  required: boolean;
  options: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The fields of a flat object schema (`properties` of string, number, integer, boolean or a string `enum`);
 * null for anything else (nested objects, arrays, combinators), which the dialog then takes as JSON.
 */
export function approvalFields(schema: unknown): ApprovalField[] | null {
  if (!isRecord(schema) || schema['type'] !== 'object' || !isRecord(schema['properties'])) return null;
  const required = Array.isArray(schema['required']) ? schema['required'].filter((name) => typeof name === 'string') : [];
  const fields: ApprovalField[] = [];
  for (const [name, property] of Object.entries(schema['properties'])) {
    if (!isRecord(property)) return null;
    const label = typeof property['title'] === 'string' ? property['title'] : name;
    const base = { name, label, required: required.includes(name), options: [] as string[] };
    if (Array.isArray(property['enum']) && property['enum'].every((option) => typeof option === 'string')) {
      fields.push({ ...base, type: 'enum', options: property['enum'] as string[] });
    } else if (['string', 'number', 'integer', 'boolean'].includes(property['type'] as string)) {
      fields.push({ ...base, type: property['type'] as ApprovalField['type'] });
    } else {
      return null;
    }
  }
  return fields;
}

export type ApprovalValues = Record<string, string | boolean>;

/** The decision's `data` from the fields, or the fields to fix. Empty optional fields are left out. */
export function approvalData(
  fields: readonly ApprovalField[],
  values: ApprovalValues,
): { data: Record<string, unknown>; errors: Record<string, string> } {
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.type === 'boolean') {
      data[field.name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') {
      if (field.required) errors[field.name] = 'Required';
      continue;
    }
    if (field.type === 'number' || field.type === 'integer') {
      const number = Number(text);
      if (!Number.isFinite(number) || (field.type === 'integer' && !Number.isInteger(number))) {
        errors[field.name] = field.type === 'integer' ? 'Enter a whole number' : 'Enter a number';
      } else data[field.name] = number;
    } else data[field.name] = text;
  }
  return { data, errors };
}
