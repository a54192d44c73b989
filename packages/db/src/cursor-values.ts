import { AppError, type CursorPosition } from '@agent-fleet/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const SEQUENCE = /^\d{1,18}$/;

const invalidCursor = () =>
  new AppError('invalid_cursor', 400, 'The cursor is malformed or belongs to another sort order; start again without it');

/**
 * A cursor comes from the client: a value the database would fail to cast must be a 400, not a 500.
 * Returns the position when its id is a UUID and its value matches `kind`.
 */
export function checkedCursor(after: CursorPosition, kind: 'timestamp' | 'sequence'): CursorPosition {
  const pattern = kind === 'timestamp' ? ISO_TIMESTAMP : SEQUENCE;
  if (!UUID.test(after.id) || !pattern.test(after.value)) throw invalidCursor();
  if (kind === 'timestamp' && Number.isNaN(Date.parse(after.value))) throw invalidCursor();
  return after;
}
