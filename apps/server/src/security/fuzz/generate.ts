/**
 * Request generation for the API fuzz suite: valid-looking values from the OpenAPI document's JSON
 * Schemas, then one malformation at a time. Deterministic for a given seed.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

/** mulberry32: small, fast and good enough to pick test cases reproducibly. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
export type Random = ReturnType<typeof createRandom>;

/** Strings that have broken servers: unstorable text, encodings, injections, sizes, prototype keys. */
export const NASTY_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d',
  '%FF',
  '%00',
  '',
  ' ',
  '\t\n',
  '../../etc/passwd',
  "' OR '1'='1' --",
  '{{ 7 * 7 }}{% raw %}',
  '${process.exit()}',
  '__proto__',
  'constructor',
  '\u202eevil',
  '𝕏👩‍👩‍👧',
  '-1',
  '1e309',
  'NaN',
  'null',
  '9'.repeat(40),
  '2026-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  'x'.repeat(5_000),
  'é'.repeat(70_000),
];

const deepArray = (depth: number): unknown => {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
const deepObject = (depth: number): unknown => {
  let value: unknown = { leaf: '\u0000' };
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

/**
 * Stands for an array nested 20,000 deep. No JavaScript value that deep survives `JSON.stringify`, so
 * `toJson` splices the raw text in where this placeholder was serialised.
 */
export const DEEP_ARRAY = '<deep-array-20000>';
const DEEP_DEPTH = 20_000;

/** The JSON text of a generated value, with `DEEP_ARRAY` expanded. */
export const toJson = (value: unknown): string =>
  JSON.stringify(value).replaceAll(JSON.stringify(DEEP_ARRAY), `${'['.repeat(DEEP_DEPTH)}1${']'.repeat(DEEP_DEPTH)}`);

/** Values of the wrong type or of absurd size, for any position. */
export const NASTY_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53 + 2,
  -(2 ** 63),
  // Safe integers past PostgreSQL's `integer` (versions, counts): the database refuses them with an error.
  2 ** 31,
  99_999_999_999,
  1e308,
  -1e308,
  'text',
  [],
  {},
  [[[]]],
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
  deepArray(40),
  DEEP_ARRAY,
  deepObject(200),
  Array.from({ length: 3_000 }, (_, i) => i),
];

/** Plausible strings tried against a pattern, so valid requests get past validation to the database. */
const PLAUSIBLE = [
  'mock',
  'echo',
  'alpha',
  'production',
  'staging',
  'latest',
  'support/triage',
  'fuzz-agent',
  'Fuzz Agent',
  'triage@production',
  'viewer',
  'editor',
  'custom-role',
  'http://127.0.0.1:9/v1',
  'a',
  '1',
];

export interface GenerateContext {
  random: Random;
  resolve(ref: string): JsonSchema;
  /** Real ids of seeded rows, so some requests reach the rows that exist. */
  ids: readonly string[];
}

const randomUuid = (random: Random) => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => random.int(16).toString(16));

/** A value that (probably) satisfies the schema. */
export function validValue(schema: JsonSchema, context: GenerateContext, depth = 0): unknown {
  const { random } = context;
  if (schema.$ref) return validValue(context.resolve(schema.$ref), context, depth);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return random.pick(schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    const nonNull = options.filter((option) => option.type !== 'null');
    return validValue(random.pick(nonNull.length ? nonNull : options), context, depth);
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => validValue(part, context, depth)));
  const types = Array.isArray(schema.type) ? schema.type.filter((type) => type !== 'null') : [schema.type];
  const type = random.pick(types.length ? types : ['null']) ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || random.chance(0.5)) result[key] = validValue(property, context, depth + 1);
      }
      if (typeof schema.additionalProperties === 'object' && random.chance(0.5)) {
        result[`k${random.int(100)}`] = validValue(schema.additionalProperties, context, depth + 1);
      }
      return result;
    }
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, depth > 3 ? 0 : random.int(3));
      return Array.from({ length: Math.min(count, schema.maxItems ?? count) }, () =>
        validValue(schema.items ?? {}, context, depth + 1),
      );
    }
    case 'string':
      return validString(schema, context);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? 0;
      const max = Math.min(schema.maximum ?? min + 10, min + 10);
      const value = min + random.next() * (max - min);
      return type === 'integer' ? Math.ceil(value) : value;
    }
    case 'boolean':
      return random.chance(0.5);
    case 'null':
      return null;
    default:
      return random.pick(['free', 1, { key: 'value' }, ['item']]);
  }
}

function validString(schema: JsonSchema, { random, ids }: GenerateContext): string {
  switch (schema.format) {
    case 'uuid':
      return random.chance(0.7) && ids.length ? random.pick(ids) : randomUuid(random);
    case 'date-time':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'email':
      return `fuzz${random.int(1000)}@example.test`;
    case 'uri':
      return 'http://127.0.0.1:9/v1';
    default:
      break;
  }
  let candidates = PLAUSIBLE;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    candidates = PLAUSIBLE.filter((text) => pattern.test(text));
  }
  let text = candidates.length ? random.pick(candidates) : 'a';
  if (schema.minLength && text.length < schema.minLength) text = text.padEnd(schema.minLength, 'x');
  if (schema.maxLength && text.length > schema.maxLength) text = text.slice(0, schema.maxLength);
  return text;
}

/** Every position in a JSON value, as a path of keys. */
function positions(value: unknown, path: (string | number)[] = [], found: (string | number)[][] = []): (string | number)[][] {
  found.push(path);
  if (path.length > 6) return found;
  if (Array.isArray(value)) value.forEach((item, index) => positions(item, [...path, index], found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) positions(item, [...path, key], found);
  }
  return found;
}

const setAt = (root: unknown, path: (string | number)[], replacement: unknown): unknown => {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path.at(-1) ?? ''] = replacement;
  return copy;
};

export const nastyValue = (random: Random): unknown =>
  random.chance(0.6) ? random.pick(NASTY_STRINGS) : random.pick(NASTY_VALUES);

/** The value with one malformation: a nasty value somewhere, an unknown field, or a missing one. */
export function mutate(value: unknown, random: Random): { value: unknown; how: string } {
  const roll = random.next();
  if (roll < 0.15 && value && typeof value === 'object' && !Array.isArray(value)) {
    const key = random.pick(['unknownField', '__proto__', 'constructor', 'workspaceId', 'id', 'version', 'role']);
    return { value: { ...value, [key]: nastyValue(random) }, how: `extra field ${key}` };
  }
  if (roll < 0.25 && value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length) {
      const key = random.pick(keys);
      const { [key]: _removed, ...rest } = value as Record<string, unknown>;
      return { value: rest, how: `without ${key}` };
    }
  }
  const path = random.pick(positions(value));
  const replacement = nastyValue(random);
  return { value: setAt(value, path, replacement), how: `${path.join('.') || '(root)'} = ${describe(replacement)}` };
}

export function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 60)}…(${text.length})` : text;
}

/**
 * `encodeURIComponent`, except that a lone surrogate (which it refuses) goes out as the three bytes a
 * careless client would send (`%ED%A0%80`): invalid UTF-8 on the wire.
 */
export const encodeLoose = (text: string): string =>
  text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (char) => {
    if (char.length === 2 || !/[\ud800-\udfff]/.test(char)) return encodeURIComponent(char);
    const code = char.charCodeAt(0);
    const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
    return bytes.map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
  });

/** Raw path segments that have crashed routers and decoders. */
export const NASTY_SEGMENTS: readonly string[] = [
  '%FF',
  '%E0%A4%A',
  '%ED%A0%80',
  '%00',
  'a%00b',
  '%C0%AE%C0%AE',
  '..',
  '%2E%2E%2F',
  '%2F',
  '-1',
  '0',
  '99999999999999999999999',
  '2147483648',
  'x'.repeat(600),
  '%F0%9D%95%8F',
  'null',
  'latest',
  '1',
];

/** Raw query values: NUL, invalid UTF-8 and lone surrogates as the client would encode them. */
export const NASTY_QUERY_VALUES: readonly string[] = [
  '%00',
  'a%00b',
  '%FF',
  '%ED%A0%80',
  '%E0%A4%A',
  '',
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  '2147483648',
  'NaN',
  'x'.repeat(2_000),
  // Past Node's 16 KiB header limit: refused before the app sees it.
  'x'.repeat(20_000),
  '2026-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '2026-01-01T00:00:00%2B23:59',
  '[]',
  '%7B%7D',
];
