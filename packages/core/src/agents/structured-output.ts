import type { z } from 'zod';

/** Why `text` is not JSON matching the schema, or null when it is (the reply of a structured-output task). */
export function checkJson(text: string, validator: z.ZodType): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  const result = validator.safeParse(value);
  return result.success
    ? null
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
