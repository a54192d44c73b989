import type { RoutingExclusion } from '@agent-fleet/contracts';
import { normaliseSkill } from './ranking.js';
import type { RoutableMember } from './types.js';

/** A member that cannot take the task, with every reason it cannot. */
export interface ExcludedMember {
  member: RoutableMember;
  reasons: RoutingExclusion[];
  /** The reasons in words: `paused; at capacity 2/2; missing skills: search`. */
  note: string;
}

export interface Eligibility {
  /** The members that can take the task, in the order given. */
  eligible: RoutableMember[];
  excluded: ExcludedMember[];
}

/**
 * Which members can take a task: admin state `active`, not observed `offline`, fewer tasks in flight
 * than `maxConcurrent`, and holding every required skill (compared trimmed and case-insensitively).
 * An agent in `error` stays eligible: a failed call is not a dead agent, and the strategies route around
 * load, not history.
 */
export function eligibleMembers(members: readonly RoutableMember[], requiredSkills: readonly string[]): Eligibility {
  const required = [...new Set(requiredSkills.map(normaliseSkill))];
  const eligible: RoutableMember[] = [];
  const excluded: ExcludedMember[] = [];
  for (const member of members) {
    const reasons: RoutingExclusion[] = [];
    const notes: string[] = [];
    if (member.adminState !== 'active') {
      reasons.push('not_active');
      notes.push(member.adminState);
    }
    if (member.observedState === 'offline') {
      reasons.push('offline');
      notes.push('offline');
    }
    if (member.inFlight >= member.maxConcurrent) {
      reasons.push('at_capacity');
      notes.push(`at capacity ${member.inFlight}/${member.maxConcurrent}`);
    }
    if (required.length > 0) {
      const held = new Set(member.skills.map(normaliseSkill));
      const missing = required.filter((skill) => !held.has(skill));
      if (missing.length > 0) {
        reasons.push('missing_skills');
        notes.push(`missing skills: ${missing.join(', ')}`);
      }
    }
    if (reasons.length === 0) eligible.push(member);
    else excluded.push({ member, reasons, note: notes.join('; ') });
  }
  return { eligible, excluded };
}
