import type { InputDeclaration } from '@agent-fleet/contracts';

/** A `--input` or `--set` the CLI cannot use; the command prints it and exits 2 before any request. */
export class RunInputError extends Error {}

/** A JSON number as JSON writes it: no leading zeros, so `007` and `+1` stay text. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Turns one `--set` value into JSON. With the pipeline's declaration at hand the value takes the declared
 * type (a `string` or `enum` input keeps `123` and `true` as text; a `number` reads a number; `list` and
 * `object` read JSON). Without one it is guessed: `true`/`false`/`null`, a JSON number, or JSON starting
 * with `{`, `[` or `"`; anything else is a string. A value that does not parse as its declared type is
 * passed as text, so the server's field error names the input.
 */
export function parseSetValue(raw: string, declaration?: InputDeclaration): unknown {
  switch (declaration?.type) {
    case 'string':
    case 'enum':
      return raw;
    case 'number':
      return JSON_NUMBER.test(raw.trim()) ? Number(raw.trim()) : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'list':
    case 'object':
      return parseJson(raw) ?? raw;
    default:
      return guess(raw);
  }
}

function guess(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (JSON_NUMBER.test(raw)) return Number(raw);
  if (/^\s*[[{"]/.test(raw)) {
    const parsed = parseJson(raw);
    if (parsed === undefined) throw new RunInputError(`Not valid JSON: ${raw}`);
    return parsed;
  }
  return raw;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The run's input: the `--input` file's object (if any), then each `--set k=v` over it, in order.
 * `declarations` are the pipeline's inputs, when they could be read.
 */
export function buildRunInput(
  file: { name: string; text: string } | null,
  sets: string[],
  declarations: Record<string, InputDeclaration> | null,
): Record<string, unknown> {
  let input: Record<string, unknown> = {};
  if (file) {
    const parsed = parseJson(file.text);
    if (parsed === undefined) throw new RunInputError(`${file.name} is not valid JSON`);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new RunInputError(`${file.name} must hold a JSON object of named inputs, e.g. {"topic": "owls"}`);
    input = { ...(parsed as Record<string, unknown>) };
  }
  for (const assignment of sets) {
    const at = assignment.indexOf('=');
    if (at < 1) throw new RunInputError(`--set expects name=value, got "${assignment}"`);
    const name = assignment.slice(0, at).trim();
    input[name] = parseSetValue(assignment.slice(at + 1), declarations?.[name]);
  }
  return input;
}
