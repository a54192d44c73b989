import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eligibleMembers } from './eligibility.js';
import { member, membersArb, skillListArb } from './strategies.test-support.js';

describe('eligibleMembers', () => {
  it('keeps an active, online member below capacity that holds every required skill', () => {
    const result = eligibleMembers([member('a', { skills: ['search', 'review'], inFlight: 1, maxConcurrent: 2 })], ['search']);
    expect(result.eligible.map((m) => m.agentId)).toEqual(['a']);
    expect(result.excluded).toEqual([]);
  });

  it('says why each member is left out, every reason at once', () => {
    const { eligible, excluded } = eligibleMembers(
      [
        member('a', { adminState: 'paused' }),
        member('b', { inFlight: 2, maxConcurrent: 2 }),
        member('c', { observedState: 'offline', skills: ['review'] }),
        member('d', { adminState: 'draining', inFlight: 3, maxConcurrent: 3, skills: ['search'] }),
        member('e', { skills: ['search'] }),
      ],
      ['Search '],
    );
    expect(eligible.map((m) => m.agentId)).toEqual(['e']);
    expect(excluded.map(({ member: m, reasons, note }) => [m.agentId, reasons, note])).toEqual([
      ['a', ['not_active', 'missing_skills'], 'paused; missing skills: search'],
      ['b', ['at_capacity', 'missing_skills'], 'at capacity 2/2; missing skills: search'],
      ['c', ['offline', 'missing_skills'], 'offline; missing skills: search'],
      ['d', ['not_active', 'at_capacity'], 'draining; at capacity 3/3'],
    ]);
  });

  it('keeps a member whose agent is in error (only offline keeps one out)', () => {
    expect(eligibleMembers([member('a', { observedState: 'error' })], []).eligible).toHaveLength(1);
  });

  it('compares skills trimmed and case-insensitively', () => {
    expect(eligibleMembers([member('a', { skills: ['sql'] })], [' SQL']).eligible).toHaveLength(1);
  });

  it('property: eligible exactly when active, online, below capacity and skilled; members are split, never lost', () => {
    fc.assert(
      fc.property(membersArb, skillListArb, (members, required) => {
        const { eligible, excluded } = eligibleMembers(members, required);
        expect(eligible.length + excluded.length).toBe(members.length);
        for (const m of members) {
          const expected =
            m.adminState === 'active' &&
            m.observedState !== 'offline' &&
            m.inFlight < m.maxConcurrent &&
            required.every((skill) => m.skills.includes(skill));
          expect(eligible.includes(m)).toBe(expected);
          const exclusion = excluded.find((e) => e.member === m);
          expect(exclusion === undefined).toBe(expected);
          if (exclusion !== undefined) expect(exclusion.reasons.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
