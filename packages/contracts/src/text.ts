import { z } from 'zod';

/**
 * The code of the field error a string gets when PostgreSQL could not store it. Clients switch on
 * `errors[].code`; this one is stable.
 */
export const INVALID_TEXT = 'invalid_text';

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (`String#isWellFormed`, ES2024). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether PostgreSQL can store the string: `text` and `jsonb` refuse NUL (U+0000), and a lone UTF-16
 * surrogate has no UTF-8 encoding at all. Both reach us easily: `%00` in a query, `"\u0000"` or
 * `"\ud800"` in a JSON body.
 */
export const isStorableText = (value: string): boolean => !value.includes(NUL) && !LONE_SURROGATE.test(value);

/**
 * Text PostgreSQL can store, made from text we cannot refuse (a model's reply, a provider's error): each
 * NUL and each lone surrogate becomes U+FFFD, the replacement character. Request text is refused instead.
 */
export const toStorableText = (value: string): string =>
  isStorableText(value) ? value : value.replaceAll(NUL, '\ufffd').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');

const textError = 'Text must not contain NUL characters or unpaired surrogates';

/** The issue a string that PostgreSQL cannot store gets; for string formats such as `z.url()`, `.refine(isStorableText, UNSTORABLE_TEXT)`. */
export const UNSTORABLE_TEXT = { error: textError, params: { code: INVALID_TEXT } };

/**
 * The one string type for input: text PostgreSQL can store. Every request string starts from it
 * (`TextSchema.trim().max(100)`), so a NUL or a lone surrogate is a 400 naming the field instead of a
 * database error. `text-schemas.test.ts` walks every request schema of the route table and fails on a
 * string that does not.
 */
export const TextSchema = z.string().refine(isStorableText, UNSTORABLE_TEXT);

/** How deep a JSON value in a request may nest; deeper ones are refused before anything walks them recursively. */
export const MAX_JSON_DEPTH = 32;

/**
 * Why a JSON value cannot be stored, and where: the first unstorable string or object key, or the first
 * value nested deeper than `MAX_JSON_DEPTH`. Null when the whole value is fine. Iterative, so no input
 * can exhaust the stack.
 */
export function findUnstorableJson(value: unknown): { path: PropertyKey[]; reason: 'text' | 'depth' } | null {
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return { path, reason: 'text' };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) return { path, reason: 'depth' };
    const entries: [PropertyKey, unknown][] = Array.isArray(current) ? [...current.entries()] : Object.entries(current);
    for (const [key, item] of entries.reverse()) {
      if (typeof key === 'string' && !isStorableText(key)) return { path: [...path, key], reason: 'text' };
      pending.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

/**
 * Any JSON value whose strings and keys are all storable text: agent metadata, prompt variables,
 * defaults, JSON Schemas. A NUL inside `jsonb` fails in PostgreSQL just as it does in `text`, and a value
 * nested thousands deep would exhaust the stack of `JSON.stringify` (and PostgreSQL's parser).
 */
export const JsonValueSchema = z.unknown().superRefine((value, context) => {
  const problem = findUnstorableJson(value);
  if (!problem) return;
  context.addIssue({
    code: 'custom',
    message: problem.reason === 'text' ? textError : `Nest JSON at most ${MAX_JSON_DEPTH} levels deep`,
    path: problem.path,
    params: { code: problem.reason === 'text' ? INVALID_TEXT : 'too_deep' },
    input: value,
  });
});

export interface JsonRecordOptions {
  /** Longest key, in characters. */
  maxKeyLength: number;
  /** Largest size as JSON text, in characters; no limit when absent (the body limit still applies). */
  maxJsonLength?: number;
  /** The message when `maxJsonLength` is exceeded. */
  sizeError?: string;
}

/**
 * A JSON object with storable keys and values. The size is measured only once the value is known to be
 * shallow and storable: a refinement runs even after inner issues, and `JSON.stringify` of a value nested
 * 100,000 deep throws.
 */
export const jsonRecord = ({ maxKeyLength, maxJsonLength, sizeError }: JsonRecordOptions) => {
  const record = z.record(TextSchema.max(maxKeyLength), JsonValueSchema);
  if (maxJsonLength === undefined) return record;
  return record.refine((value) => JSON.stringify(value).length <= maxJsonLength, {
    error: sizeError ?? `At most ${maxJsonLength} characters of JSON`,
    when: (payload) => payload.issues.length === 0,
  });
};
