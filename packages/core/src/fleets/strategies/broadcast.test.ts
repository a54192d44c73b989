import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { broadcast, firstSuccess, majority, normaliseAnswer, type BroadcastAnswer } from './broadcast.js';
import { initialStrategyState } from './decide.js';
import { candidate } from './strategies.test-support.js';

const answer = (agentId: string, text: string, finishedAt: number, ok = true): BroadcastAnswer => ({
  agentId,
  text,
  finishedAt,
  ok,
});

describe('broadcast', () => {
  it('sends the task to every eligible member', () => {
    const decision = broadcast([candidate('b'), candidate('a'), candidate('c')], 'majority', initialStrategyState());
    expect(decision.chosen).toEqual(['b', 'a', 'c']);
    expect(decision.aggregator).toBeNull();
    expect(decision.reason).toBe('broadcast to 3 eligible members; the answers are combined by majority vote');
  });

  it('with combine aggregator, the least loaded aggregator merges and does not answer', () => {
    const decision = broadcast(
      [
        candidate('a'),
        candidate('x', { role: 'aggregator', inFlight: 2 }),
        candidate('y', { role: 'aggregator', name: 'Merger', inFlight: 1 }),
      ],
      'aggregator',
      initialStrategyState(),
    );
    expect(decision.chosen).toEqual(['a', 'x']);
    expect(decision.aggregator).toBe('y');
    expect(decision.reason).toBe('broadcast to 2 eligible members; Merger aggregates the answers');
  });

  it('with combine aggregator but none eligible, falls back to first success and says so', () => {
    const decision = broadcast([candidate('a')], 'aggregator', initialStrategyState());
    expect(decision.aggregator).toBeNull();
    expect(decision.reason).toContain('no eligible member has the aggregator role, so the first successful answer wins');
  });
});

describe('firstSuccess', () => {
  it('takes the earliest successful answer, ignoring failures', () => {
    expect(firstSuccess([answer('a', 'x', 30), answer('b', 'boom', 10, false), answer('c', 'y', 20)])?.agentId).toBe('c');
  });

  it('breaks a same-instant tie by id and returns null when nobody succeeded', () => {
    expect(firstSuccess([answer('b', 'x', 5), answer('a', 'y', 5)])?.agentId).toBe('a');
    expect(firstSuccess([answer('a', 'boom', 1, false)])).toBeNull();
  });
});

describe('majority', () => {
  it('counts answers equal once normalised as one vote', () => {
    expect(normaliseAnswer('  Paris.  ')).toBe('paris');
    expect(normaliseAnswer('ＰＡＲＩＳ!')).toBe('paris');
    const result = majority([
      answer('a', 'Paris.', 3),
      answer('b', 'London', 1),
      answer('c', 'paris', 2),
      answer('d', 'x', 0, false),
    ]);
    expect(result).toMatchObject({ votes: 2, total: 3, absolute: true, tied: false, agentIds: ['c', 'a'] });
    expect(result?.answer.text).toBe('paris');
  });

  it('breaks a tie in favour of the answer whose first voter finished earliest', () => {
    const result = majority([answer('a', 'yes', 5), answer('b', 'no', 2), answer('c', 'yes', 6), answer('d', 'no', 9)]);
    expect(result?.answer.text).toBe('no');
    expect(result).toMatchObject({ votes: 2, total: 4, absolute: false, tied: true });
  });

  it('returns null when no answer succeeded', () => {
    expect(majority([answer('a', 'boom', 1, false)])).toBeNull();
  });

  it('property: the winner has the most votes, counted over normalised successful answers', () => {
    const answers = fc.uniqueArray(
      fc.record({
        agentId: fc.stringMatching(/^[a-z]{1,3}$/),
        text: fc.constantFrom('Yes', 'yes.', 'No', ' no ', 'Maybe', 'MAYBE!'),
        finishedAt: fc.integer({ min: 0, max: 20 }),
        ok: fc.boolean(),
      }),
      { maxLength: 15, selector: (a) => a.agentId },
    );
    fc.assert(
      fc.property(answers, (list) => {
        const result = majority(list);
        const ok = list.filter((a) => a.ok);
        if (ok.length === 0) {
          expect(result).toBeNull();
          return;
        }
        const counts = new Map<string, number>();
        for (const a of ok) counts.set(normaliseAnswer(a.text), (counts.get(normaliseAnswer(a.text)) ?? 0) + 1);
        if (result === null) throw new Error('majority found no winner among successful answers');
        expect(result.votes).toBe(Math.max(...counts.values()));
        expect(counts.get(normaliseAnswer(result.answer.text))).toBe(result.votes);
        expect(result.total).toBe(ok.length);
        expect(result.tied).toBe([...counts.values()].filter((n) => n === result.votes).length > 1);
      }),
    );
  });
});
