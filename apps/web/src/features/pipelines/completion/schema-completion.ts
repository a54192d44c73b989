import type { YamlCursor } from './yaml-context';

/** The little of JSON Schema (draft 2020-12, as zod writes it) completion reads. */
export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  description?: string;
}

export interface SchemaSuggestion {
  label: string;
  /** What a key holds, e.g. "string" or "object"; "required" keys say so. */
  detail: string;
  kind: 'property' | 'value';
}

/** Follows `#/$defs/…` references against the document root. */
function resolve(schema: JsonSchema | undefined, root: JsonSchema): JsonSchema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 20; hops += 1) {
    const name = current.$ref.replace(/^#\/\$defs\//, '');
    current = root.$defs?.[name];
  }
  return current;
}

/**
 * The alternatives a schema allows, flattened; with `siblings`, only those whose constant properties
 * agree with what is written (a step's `type: prompt` picks the prompt step's fields).
 */
function variants(schema: JsonSchema | undefined, root: JsonSchema, siblings: Record<string, string> = {}): JsonSchema[] {
  const resolved = resolve(schema, root);
  if (!resolved) return [];
  const options = resolved.oneOf ?? resolved.anyOf;
  if (!options) return [resolved];
  const all = options.flatMap((option) => variants(option, root));
  const matching = all.filter((variant) =>
    Object.entries(variant.properties ?? {}).every(([key, property]) => {
      const written = siblings[key];
      const constant = resolve(property, root)?.const;
      return written === undefined || written === '' || constant === undefined || String(constant) === written;
    }),
  );
  return matching.length > 0 ? matching : all;
}

/** The schema of `key` inside an object schema: a named property, else the record's value schema. */
function child(schema: JsonSchema | undefined, key: string, root: JsonSchema, siblings?: Record<string, string>) {
  for (const variant of variants(schema, root, siblings)) {
    const property = variant.properties?.[key];
    if (property) return property;
    if (typeof variant.additionalProperties === 'object') return variant.additionalProperties;
    if (variant.items) return child(variant.items, key, root);
  }
  return undefined;
}

/** The schema at a path of keys from the root; siblings are only known for the innermost mapping. */
export function schemaAt(root: JsonSchema, path: readonly string[]): JsonSchema | undefined {
  let current: JsonSchema | undefined = root;
  for (const key of path) {
    current = child(current, key, root);
    if (!current) return undefined;
  }
  return current;
}

const typeName = (schema: JsonSchema | undefined, root: JsonSchema): string => {
  const options = variants(schema, root);
  const types = new Set(options.map((option) => (Array.isArray(option.type) ? option.type.join(' | ') : (option.type ?? 'any'))));
  return [...types].join(' | ');
};

/** Property names allowed in the mapping at `path`, minus those already written. */
function keySuggestions(root: JsonSchema, cursor: YamlCursor): SchemaSuggestion[] {
  const seen = new Map<string, SchemaSuggestion>();
  for (const variant of variants(schemaAt(root, cursor.path), root, cursor.siblings)) {
    for (const [name, property] of Object.entries(variant.properties ?? {})) {
      if (name in cursor.siblings || seen.has(name)) continue;
      const required = variant.required?.includes(name) ?? false;
      seen.set(name, { label: name, detail: `${typeName(property, root)}${required ? ', required' : ''}`, kind: 'property' });
    }
  }
  return [...seen.values()];
}

/** Constants the schemas allow: enum members, `const` values of their alternatives, and booleans. */
function valueSuggestions(schemas: readonly (JsonSchema | undefined)[], root: JsonSchema): SchemaSuggestion[] {
  const values = new Set<string>();
  for (const variant of schemas.flatMap((schema) => variants(schema, root))) {
    for (const value of variant.enum ?? []) values.add(String(value));
    if (variant.const !== undefined) values.add(String(variant.const));
    if (variant.type === 'boolean') ['true', 'false'].forEach((value) => values.add(value));
  }
  return [...values].map((label) => ({ label, detail: 'value', kind: 'value' }));
}

/**
 * What may be written at the cursor, according to the definition's JSON Schema: keys of the mapping
 * the cursor is in, or the constants allowed for a key's value or a list's item. Filtering by the
 * typed prefix is left to the editor.
 */
export function suggestionsAt(root: JsonSchema, cursor: YamlCursor): SchemaSuggestion[] {
  if (cursor.kind === 'key') return keySuggestions(root, cursor);
  if (cursor.kind === 'item') {
    return valueSuggestions(
      variants(schemaAt(root, cursor.path), root).map((variant) => variant.items),
      root,
    );
  }
  // The key being completed is left out of the siblings: its own value must not narrow its choices.
  const others = Object.fromEntries(Object.entries(cursor.siblings).filter(([key]) => key !== cursor.key));
  // Every alternative's property: `type` is a different constant in each step variant.
  const owners = variants(schemaAt(root, cursor.path), root, others);
  return valueSuggestions(
    owners.map((owner) => owner.properties?.[cursor.key ?? ''] ?? child(owner, cursor.key ?? '', root)),
    root,
  );
}
