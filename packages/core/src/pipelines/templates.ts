/**
 * `${{ expr }}` templates inside JSON values. A string that is exactly one `${{ expr }}` (surrounding
 * whitespace allowed) keeps the JSON type of the expression's result; anywhere else in a string the
 * result is interpolated as text. Strings without `${{` are literals.
 */

export interface TemplateExpression {
  /** The CEL source between `${{` and `}}`, trimmed. */
  source: string;
  /** Where `source` starts in the string, for error positions. */
  offset: number;
}

export type ParsedTemplate =
  | { kind: 'literal'; value: string }
  | { kind: 'whole'; expression: TemplateExpression }
  | { kind: 'interpolated'; parts: (string | TemplateExpression)[] };

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

const OPEN = '${{';

/**
 * Where the `}}` closing an expression that starts at `from` is: string literals are skipped (a `}}` in
 * `"a}}"` does not close) and braces of map literals nest, so `${{ {"a": {"b": 1}} }}` works.
 */
function findClose(text: string, from: number): number {
  let depth = 0;
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (char === '"' || char === "'") {
      const triple = text.startsWith(char.repeat(3), index);
      const quote = triple ? char.repeat(3) : char;
      index += quote.length;
      while (index < text.length && !text.startsWith(quote, index)) index += text[index] === '\\' ? 2 : 1;
      index += quote.length - 1;
    } else if (char === '{') depth++;
    else if (char === '}') {
      if (depth === 0 && text[index + 1] === '}') return index;
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

export function parseTemplate(text: string): ParsedTemplate {
  if (!text.includes(OPEN)) return { kind: 'literal', value: text };
  const parts: (string | TemplateExpression)[] = [];
  let cursor = 0;
  for (let open = text.indexOf(OPEN); open !== -1; open = text.indexOf(OPEN, cursor)) {
    if (open > cursor) parts.push(text.slice(cursor, open));
    const start = open + OPEN.length;
    const close = findClose(text, start);
    if (close === -1) throw new TemplateSyntaxError('"${{" without a closing "}}"', open);
    const raw = text.slice(start, close);
    const source = raw.trim();
    if (!source) throw new TemplateSyntaxError('An empty "${{ }}"', open);
    parts.push({ source, offset: start + raw.indexOf(source) });
    cursor = close + 2;
  }
  if (cursor < text.length) parts.push(text.slice(cursor));
  const expressions = parts.filter((part) => typeof part !== 'string');
  const [only] = expressions;
  if (only && expressions.length === 1 && parts.every((part) => typeof part !== 'string' || part.trim() === '')) {
    return { kind: 'whole', expression: only };
  }
  return { kind: 'interpolated', parts };
}

/** A string of a JSON value holding at least one `${{`, and its path inside the value. */
export interface TemplateSite {
  path: (string | number)[];
  text: string;
}

/** Every string of `value` that holds a template, depth first in document order. */
export function findTemplates(value: unknown, path: (string | number)[] = []): TemplateSite[] {
  if (typeof value === 'string') return value.includes(OPEN) ? [{ path, text: value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => findTemplates(item, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => findTemplates(item, [...path, key]));
  }
  return [];
}

/** A bare expression field (`if`, `until`, …) may also be written as `${{ expr }}`. */
export function bareExpression(text: string): TemplateExpression {
  const parsed = parseTemplate(text);
  if (parsed.kind === 'whole') return parsed.expression;
  if (parsed.kind === 'interpolated') throw new TemplateSyntaxError('Write a bare expression here, not a template', 0);
  const source = text.trim();
  return { source, offset: text.indexOf(source) };
}
