import { z } from 'zod';

/**
 * A response body (or event) as its schema declares it: first as JSON (dates become strings,
 * undefined fields go), then through the schema, which drops fields it does not declare. When
 * `strict` (under test), an undeclared field is a bug instead, so a leaked column fails the test that
 * sent it. A body the schema refuses is a bug either way.
 */
export function serialised(schema: z.ZodType, value: unknown, strict: boolean): unknown {
  const json = JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`The reply does not match its schema:\n${z.prettifyError(parsed.error)}`);
  const dropped = strict ? droppedFields(json, parsed.data, '') : [];
  if (dropped.length > 0) throw new Error(`The reply has fields its schema does not declare: ${dropped.join(', ')}`);
  return parsed.data;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The paths of fields in `input` that parsing left out of `output`. */
function droppedFields(input: unknown, output: unknown, path: string): string[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, index) => droppedFields(item, output[index], `${path}[${index}]`));
  }
  if (!isObject(input) || !isObject(output)) return [];
  return Object.entries(input).flatMap(([key, value]) =>
    key in output ? droppedFields(value, output[key], `${path}.${key}`) : [`${path}.${key}`.slice(1)],
  );
}
