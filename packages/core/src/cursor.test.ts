import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursors', () => {
  it('round-trips a position for the same sort', () => {
    const position = { sort: '-createdAt', value: '2026-01-01T00:00:00.000Z', id: 'abc' };
    expect(decodeCursor(encodeCursor(position), '-createdAt')).toEqual(position);
  });

  it.each([
    ['garbage', '!!!'],
    ['not an array', Buffer.from('{"a":1}').toString('base64url')],
    ['wrong arity', Buffer.from('["name","x"]').toString('base64url')],
    ['non-string parts', Buffer.from('["name",1,2]').toString('base64url')],
  ])('refuses %s with invalid_cursor', (_label, cursor) => {
    expect(() => decodeCursor(cursor, 'name')).toThrowError(AppError);
    try {
      decodeCursor(cursor, 'name');
    } catch (error) {
      expect((error as AppError).code).toBe('invalid_cursor');
      expect((error as AppError).status).toBe(400);
    }
  });

  it('refuses a cursor made for another sort', () => {
    const cursor = encodeCursor({ sort: 'name', value: 'a', id: '1' });
    expect(() => decodeCursor(cursor, '-name')).toThrow(/another sort order/);
  });
});
