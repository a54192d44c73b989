import type { InputDeclaration } from '@agent-fleet/contracts';
import type { ObjectSchema } from '@marcbachmann/cel-js';

/**
 * CEL types of the data expressions read, for type-checking at compile time. JSON numbers are always
 * `double` (that is what they are at run time); objects with declared properties become typed objects, so
 * a misspelt field is a compile error; everything not described is `dyn`.
 */

const SCALARS: Record<string, string> = {
  string: 'string',
  number: 'double',
  integer: 'double',
  boolean: 'bool',
  null: 'null_type',
};
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_SCHEMA_DEPTH = 8;

/** The CEL type (or object schema) of values valid against a JSON Schema. */
export function jsonSchemaToCel(schema: unknown, depth = 0): string | ObjectSchema {
  if (schema === null || typeof schema !== 'object' || depth > MAX_SCHEMA_DEPTH) return 'dyn';
  const { type, properties, items, additionalProperties } = schema as Record<string, unknown>;
  if (typeof type !== 'string') return 'dyn';
  const scalar = SCALARS[type];
  if (scalar) return scalar;
  if (type === 'array') {
    const item = jsonSchemaToCel(items, depth + 1);
    return typeof item === 'string' ? `list<${item}>` : 'list<dyn>';
  }
  if (type === 'object') {
    const names = properties && typeof properties === 'object' ? Object.keys(properties) : [];
    // Typed fields only when the object is closed and every name can be a CEL field; else a map.
    if (names.length === 0 || additionalProperties !== false || !names.every((name) => IDENTIFIER.test(name))) {
      return 'map<string, dyn>';
    }
    return Object.fromEntries(
      names.map((name) => [name, jsonSchemaToCel((properties as Record<string, unknown>)[name], depth + 1)]),
    );
  }
  return 'dyn';
}

const INPUT_TYPES: Record<InputDeclaration['type'], string> = {
  string: 'string',
  number: 'double',
  boolean: 'bool',
  enum: 'string',
  list: 'list<dyn>',
  object: 'map<string, dyn>',
};

/** `input` as an object type with one field per declared input. */
export function inputSchema(inputs: Record<string, InputDeclaration>): ObjectSchema {
  return Object.fromEntries(Object.entries(inputs).map(([name, declaration]) => [name, INPUT_TYPES[declaration.type]]));
}
