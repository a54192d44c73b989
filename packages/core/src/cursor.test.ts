import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const ID = '0b5f7c1e-8a2d-4c3b-9e6f-1a2b3c4d5e6f';

describe('cursors', () => {
  it('round-trips a position for the same sort', () => {
    const position = { sort: '-createdAt', value: '2026-01-01T00:00:00.000Z', id: ID };
    expect(decodeCursor(encodeCursor(position), '-createdAt', 'timestamp')).toEqual(position);
  });

  it.each([
    ['garbage', '!!!'],
    ['not an array', Buffer.from('{"a":1}').toString('base64url')],
    ['wrong arity', Buffer.from('["name","x"]').toString('base64url')],
    ['non-string parts', Buffer.from('["name",1,2]').toString('base64url')],
  ])('refuses %s with invalid_cursor', (_label, cursor) => {
    expect(() => decodeCursor(cursor, 'name', 'text')).toThrowError(AppError);
    try {
      decodeCursor(cursor, 'name', 'text');
    } catch (error) {
      expect((error as AppError).code).toBe('invalid_cursor');
      expect((error as AppError).status).toBe(400);
    }
  });

  it('refuses a cursor made for another sort', () => {
    const cursor = encodeCursor({ sort: 'name', value: 'a', id: ID });
    expect(() => decodeCursor(cursor, '-name', 'text')).toThrow(/another sort order/);
  });

  // A forged cursor must be a 400 here, not a failed SQL cast (a 500) in the repository.
  it.each([
    ['a timestamp that is not one', '-createdAt', 'timestamp', 'yesterday', ID],
    ['an impossible date', '-createdAt', 'timestamp', '2026-13-45T99:00:00Z', ID],
    // Date.parse rolls these over; PostgreSQL refuses them.
    ['a day the month does not have', '-createdAt', 'timestamp', '2026-02-30T00:00:00.000Z', ID],
    ['year zero', '-createdAt', 'timestamp', '0000-01-01T00:00:00.000Z', ID],
    ['a value with a NUL', 'name', 'text', 'a\u0000b', ID],
    ['a value with a lone surrogate', 'name', 'text', '\ud800', ID],
    ['a sequence that is not a number', 'seq', 'sequence', '1; drop', ID],
    ['an id that is not a UUID', 'name', 'text', 'a', 'nope'],
  ] as const)('refuses %s', (_label, sort, kind, value, id) => {
    expect(() => decodeCursor(encodeCursor({ sort, value, id }), sort, kind)).toThrow(
      expect.objectContaining({ code: 'invalid_cursor', status: 400 }),
    );
  });
});
