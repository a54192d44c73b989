/**
 * A deterministic value that satisfies a (simple) JSON Schema: what the mock provider answers when a
 * task asks for structured output. Covers type, enum, const, properties, items, anyOf/oneOf, minimum.
 */
export function exampleFor(schema: unknown, seed: string, depth = 0): unknown {
  if (depth > 8 || typeof schema !== 'object' || schema === null) return null;
  const node = schema as Record<string, unknown>;
  if ('const' in node) return node['const'];
  if (Array.isArray(node['enum']) && node['enum'].length > 0) return node['enum'][0];
  const variants = (node['anyOf'] ?? node['oneOf']) as unknown[] | undefined;
  if (Array.isArray(variants) && variants.length > 0) return exampleFor(variants[0], seed, depth + 1);
  const type = Array.isArray(node['type']) ? (node['type'] as unknown[])[0] : node['type'];
  switch (type) {
    case 'object': {
      const properties = (node['properties'] ?? {}) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(properties).map(([key, child]) => [key, exampleFor(child, `${seed}.${key}`, depth + 1)]),
      );
    }
    case 'array': {
      const minItems = typeof node['minItems'] === 'number' ? Math.min(node['minItems'], 5) : 1;
      return Array.from({ length: Math.max(minItems, 1) }, (_, index) =>
        exampleFor(node['items'], `${seed}[${index}]`, depth + 1),
      );
    }
    case 'string':
      return `mock ${seed}`.slice(0, typeof node['maxLength'] === 'number' ? node['maxLength'] : undefined);
    case 'integer':
    case 'number':
      return typeof node['minimum'] === 'number' ? node['minimum'] : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return typeof node['properties'] === 'object' ? exampleFor({ ...node, type: 'object' }, seed, depth + 1) : null;
  }
}
