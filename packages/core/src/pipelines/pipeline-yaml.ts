import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, stringify, visit, type Document, type Node } from 'yaml';

/** Largest pipeline file, in characters. */
export const MAX_PIPELINE_SOURCE_CHARS = 1_000_000;

/** A 1-based line and column in the source text. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface SourceIssue extends SourcePosition {
  path: string;
  message: string;
  code: string;
}

export interface ParsedPipelineSource {
  /** The plain data, when the text parsed without errors. */
  data?: unknown;
  errors: SourceIssue[];
  /**
   * Where the value (or, for a missing one, its nearest parent) at `path` is written; with `offset`, where
   * that character of a string value is, when the string is written as it reads (no escapes, one line).
   */
  locate(path: readonly (string | number)[], offset?: number): SourcePosition | undefined;
}

/**
 * Parses a pipeline written in YAML (or JSON, which is YAML too). Aliases and anchors are refused: they
 * are how "billion laughs" documents explode, and a pipeline never needs them. Every problem is listed,
 * each with its line and column.
 */
export function parsePipelineSource(text: string): ParsedPipelineSource {
  const lineCounter = new LineCounter();
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (text.length > MAX_PIPELINE_SOURCE_CHARS) {
    return {
      errors: [
        {
          path: '',
          message: `A pipeline has at most ${MAX_PIPELINE_SOURCE_CHARS} characters`,
          code: 'too_large',
          line: 1,
          column: 1,
        },
      ],
      locate: () => undefined,
    };
  }
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  const errors: SourceIssue[] = document.errors.map((error) => ({
    path: '',
    message: error.message.split('\n')[0] ?? error.message,
    code: 'invalid_yaml',
    ...at(error.pos[0]),
  }));
  visit(document, {
    Alias(_key, node) {
      errors.push({ path: '', message: 'YAML aliases (*name) are not allowed', code: 'yaml_alias', ...at(node.range?.[0] ?? 0) });
    },
    Node(_key, node) {
      if (node.anchor)
        errors.push({
          path: '',
          message: 'YAML anchors (&name) are not allowed',
          code: 'yaml_alias',
          ...at(node.range?.[0] ?? 0),
        });
    },
  });
  const locate = (path: readonly (string | number)[], offset?: number) => {
    const node = nearestNode(document, path);
    if (!node?.range) return undefined;
    const [start, end] = node.range;
    if (offset !== undefined && isScalar(node) && typeof node.value === 'string') {
      const written = text.slice(start, end);
      if (node.type === 'PLAIN' && written === node.value) return at(start + offset);
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && written.slice(1, -1) === node.value)
        return at(start + 1 + offset);
    }
    return at(start);
  };
  if (errors.length > 0) return { errors, locate };
  return { data: document.toJS({ maxAliasCount: 0 }), errors, locate };
}

/** The node at `path`, or the deepest one on the way there (a key that is present, else its parent). */
function nearestNode(document: Document, path: readonly (string | number)[]): Node | undefined {
  let current: unknown = document.contents;
  let found: Node | undefined = isNode(current) ? current : undefined;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return found;
      found = (isNode(pair.value) ? pair.value : undefined) ?? (isNode(pair.key) ? pair.key : found);
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item: unknown = current.items[segment];
      if (!isNode(item)) return found;
      found = item;
      current = item;
    } else return found;
  }
  return found;
}

/** The order keys are written in; keys not listed follow in their own order (maps of ids keep the author's order). */
const KEY_ORDER = [
  '$schema',
  'description',
  'inputs',
  'outputs',
  'defaults',
  'concurrency',
  'budget',
  'type',
  'needs',
  'if',
  'runAfterSkipped',
  'prompt',
  'agent',
  'fleet',
  'pipeline',
  'model',
  'temperature',
  'method',
  'url',
  'headers',
  'items',
  'maxItems',
  'concurrency',
  'maxFailures',
  'maxIterations',
  'until',
  'duration',
  'with',
  'task',
  'input',
  'skills',
  'body',
  'idempotencyKey',
  'value',
  'message',
  'assignees',
  'form',
  'jsonSchema',
  'step',
  'retry',
  'timeout',
  'onTimeout',
  'onError',
  'output',
  'steps',
];
const rank = (key: string) => {
  const index = KEY_ORDER.indexOf(key);
  return index === -1 ? KEY_ORDER.length : index;
};

/** Objects holding user data (kept as written) and maps of ids to definition objects (ids kept in order). */
const DATA_KEYS = new Set([
  'with',
  'outputs',
  'headers',
  'body',
  'value',
  'input',
  'output',
  'form',
  'jsonSchema',
  'default',
  'model',
]);
const ID_MAP_KEYS = new Set(['steps', 'inputs']);

type Layout = 'definition' | 'data' | 'ids';

function ordered(value: unknown, layout: Layout): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, layout === 'data' ? 'data' : 'definition'));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (layout === 'definition') entries.sort(([a], [b]) => rank(a) - rank(b));
  const inner = (key: string): Layout =>
    layout === 'data'
      ? 'data'
      : layout === 'ids'
        ? 'definition'
        : DATA_KEYS.has(key)
          ? 'data'
          : ID_MAP_KEYS.has(key)
            ? 'ids'
            : 'definition';
  return Object.fromEntries(entries.map(([key, item]) => [key, ordered(item, inner(key))]));
}

/**
 * A pipeline as YAML in a stable layout: known keys in a fixed order, step and input maps and user data
 * in their own order, no anchors (a repeated object is written out again). `parsePipelineSource` of the
 * result gives the same data, and formatting that again gives the same text.
 */
export function formatPipelineYaml(definition: unknown): string {
  return stringify(ordered(definition, 'definition'), { aliasDuplicateObjects: false, lineWidth: 0 });
}
