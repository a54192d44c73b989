import { TemplateRenderError } from './errors.js';

/** Deepest nesting of variable values; deeper data is almost certainly a cycle or an attack. */
const MAX_DEPTH = 32;
/** Most values (scalars, array items, object entries) one render accepts. */
const MAX_NODES = 100_000;
/** Most characters, over all strings and keys, one render accepts (≈ 250k tokens of context). */
const MAX_TEXT_LENGTH = 2_000_000;

/**
 * Copies render variables into plain JSON-like data the template can read and nothing else: strings,
 * finite numbers, booleans, null, arrays and plain objects. Functions, class instances, symbols,
 * getters and prototypes never reach LiquidJS (which would call a function it finds on a path).
 * Dates become ISO strings and bigints decimal strings, as JSON would have them.
 *
 * The top level is a null-prototype object so `increment`/`decrement` cannot touch a prototype.
 */
export function toTemplateData(variables: Record<string, unknown>): Record<string, unknown> {
  if (!isPlainObject(variables)) {
    throw new TemplateRenderError('invalid_variables', 'Variables must be a plain object');
  }
  const state = { nodes: 0, text: 0, seen: new Set<object>() };
  const data = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(variables)) {
    const value = copy(variables[key], key, 1, state);
    if (value !== undefined) data[key] = value;
  }
  return data;
}

interface CopyState {
  nodes: number;
  text: number;
  seen: Set<object>;
}

function copy(value: unknown, path: string, depth: number, state: CopyState): unknown {
  state.nodes += 1;
  if (state.nodes > MAX_NODES) fail(path, `more than ${MAX_NODES} values`);
  if (typeof value === 'string') {
    state.text += value.length;
    if (state.text > MAX_TEXT_LENGTH) fail(path, `more than ${MAX_TEXT_LENGTH} characters of text in all`);
    return value;
  }
  if (value === null || typeof value === 'boolean') return value;
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'object') fail(path, `a ${typeof value} is not template data`);
  if (depth > MAX_DEPTH) fail(path, `nested deeper than ${MAX_DEPTH} levels`);
  if (state.seen.has(value)) fail(path, 'a value refers to itself');
  state.seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item, index) => {
        const copied = copy(item, `${path}[${index}]`, depth + 1, state);
        return copied === undefined ? null : copied;
      });
    }
    if (!isPlainObject(value)) fail(path, 'only plain objects, arrays and scalars are template data');
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      state.text += key.length;
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      // A getter is code; reading it would run it. Plain JSON never has one.
      if (!descriptor || !('value' in descriptor)) fail(`${path}.${key}`, 'accessor properties are not template data');
      const copied = copy(descriptor.value, `${path}.${key}`, depth + 1, state);
      if (copied === undefined) continue;
      // defineProperty, not assignment: a "__proto__" key stays an ordinary own property.
      Object.defineProperty(result, key, { value: copied, enumerable: true, writable: true, configurable: true });
    }
    return result;
  } finally {
    state.seen.delete(value);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function fail(path: string, problem: string): never {
  throw new TemplateRenderError('invalid_variables', `Variable "${path}": ${problem}`, {
    problems: [{ variable: path, message: problem }],
  });
}
