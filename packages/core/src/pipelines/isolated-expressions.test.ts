import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEventLoopTurns } from '@agent-fleet/testing';
import { ExpressionError, type ExpressionScope } from './expression.js';
import { createIsolatedExpressionEvaluator, type IsolatedExpressionEvaluator } from './isolated-expressions.js';

const scope: ExpressionScope = {
  input: { n: 5, list: Array.from({ length: 2000 }, (_, index) => index), bomb: `${'a'.repeat(40)}!` },
  steps: { fetch: { output: { items: [1, 2, 3] }, status: 'succeeded' } },
};
/** Measured at 1.4 s on this event loop in-process; 4 million comparisons. */
const NESTED_EXISTS = 'input.list.exists(a, input.list.exists(b, a == b + 0.5))';
/** Catastrophic backtracking in JavaScript's regular expressions. */
const REGEX_BOMB = 'input.bomb.matches("^(a+)+$")';

const failure = async (promise: Promise<unknown>): Promise<ExpressionError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionError');
};

let evaluator: IsolatedExpressionEvaluator;
beforeAll(() => {
  evaluator = createIsolatedExpressionEvaluator({ workers: 1, timeoutMs: 200 });
});
afterAll(() => evaluator.close());

describe('createIsolatedExpressionEvaluator', () => {
  it('renders templates: whole values keep their type, others interpolate', async () => {
    const value = {
      count: '${{ input.n * 2 }}',
      text: 'n=${{ input.n }} items=${{ steps.fetch.output.items }}',
      doubled: '${{ steps.fetch.output.items.map(i, i * 2) }}',
      literal: 3,
    };
    expect(await evaluator.render(value, scope)).toEqual({
      count: 10,
      text: 'n=5 items=[1,2,3]',
      doubled: [2, 4, 6],
      literal: 3,
    });
    expect(await evaluator.evaluate('${{ input.list.exists(i, i == 3) }}', scope)).toBe(true);
  });

  it('stops a nested exists and a regular expression bomb at the hard limit, without stalling the event loop', async () => {
    const turns = countEventLoopTurns();
    const errors = await Promise.all([
      failure(evaluator.evaluate(NESTED_EXISTS, scope)),
      failure(evaluator.evaluate(REGEX_BOMB, scope)),
    ]);
    const loopTurns = await turns.stop();
    expect(errors.map((error) => error.code)).toEqual(['expression_timeout', 'expression_timeout']);
    // In-process, the nested exists alone holds the loop for over a second, so it does not turn at all.
    expect(loopTurns).toBeGreaterThan(100);
  });

  it('never refuses an evaluation for a full line: more at once than one worker and its queue take all answer', async () => {
    // Unbounded (a comprehension), so each goes to the pool: 1 worker, a queue of 4 before this waited.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => evaluator.evaluate(`steps.fetch.output.items.exists(x, x == ${i % 4})`, scope)),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i % 4 !== 0));
  });

  it('keeps the code and message of an error raised in the worker', async () => {
    const error = await failure(evaluator.evaluate('input.list.map(i, i.nope)', scope));
    expect(error).toMatchObject({ code: 'expression_evaluation', message: expect.stringContaining('nope') as unknown });
  });
});
