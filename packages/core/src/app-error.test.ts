import { ERROR_STATUS, type ErrorCode } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';

describe('AppError', () => {
  it('answers the status of its code from the one table, for literal and widened codes alike', () => {
    expect(new AppError('not_found', 'Gone').status).toBe(404);
    expect(new AppError('budget_exceeded', 'Spent').status).toBe(ERROR_STATUS.budget_exceeded);
    const code = 'conversation_busy' as ErrorCode;
    expect(new AppError(code, 'Busy').status).toBe(409);
  });

  it('takes no status from its caller', () => {
    // @ts-expect-error a status cannot be passed: it comes from the code
    expect(new AppError('not_found', 400, 'Gone').status).toBe(404);
  });
});
