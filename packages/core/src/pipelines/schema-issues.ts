import type { z } from 'zod';

/** A problem at a path of the definition, before line and column are added. */
export interface RawIssue {
  path: (string | number)[];
  message: string;
  code: string;
  /** The character of the string value at `path` the problem is at (for expressions). */
  offset?: number;
}

/** Zod issues as compiler issues: one per unknown field, unknown step types named as such. */
export function schemaIssues(error: z.ZodError, prefix: (string | number)[] = []): RawIssue[] {
  return error.issues.flatMap((issue): RawIssue[] => {
    const path = [...prefix, ...issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: `Unknown field "${key}"`, code: 'unknown_field' }));
    }
    if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator === 'type') {
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.join(', ') : '';
      return [{ path, message: `Unknown step type; use one of ${options}`, code: 'unknown_step_type' }];
    }
    return [{ path, message: issue.message, code: 'invalid' }];
  });
}
