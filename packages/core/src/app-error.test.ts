import { ERROR_STATUS, type ErrorCode } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';

describe('AppError', () => {
  it('answers the status of its code from the one table', () => {
    expect(new AppError('not_found', 404, 'Gone').status).toBe(404);
    expect(new AppError('budget_exceeded', 402, 'Spent').status).toBe(ERROR_STATUS.budget_exceeded);
  });

  it('cannot be given another status: a type error for a literal code, a TypeError for a widened one', () => {
    // @ts-expect-error 400 is not the status of not_found
    expect(() => new AppError('not_found', 400, 'Gone')).toThrow(TypeError);
    const code = 'conversation_busy' as ErrorCode;
    expect(() => new AppError(code, 404, 'Busy')).toThrow(/conversation_busy answers 409, not 404/);
  });
});
