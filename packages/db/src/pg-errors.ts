/**
 * True when `error` (from node-postgres or PGlite, possibly wrapped by Drizzle) is a unique
 * violation of the named constraint or index.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (
    let current: unknown = error;
    current instanceof Error || isRecord(current);
    current = (current as { cause?: unknown }).cause
  ) {
    const candidate = current as { code?: unknown; constraint?: unknown; message?: unknown };
    if (candidate.code === '23505') {
      return candidate.constraint === constraint || String(candidate.message).includes(constraint);
    }
    if (!('cause' in (current as object))) return false;
  }
  return false;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
