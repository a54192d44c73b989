import type { AgentCard, AgentSkill } from '@a2a-js/sdk';
import type { FleetDetail } from '@agent-fleet/contracts';
import { a2aCard, cardSkill } from './agent-card.js';

/**
 * The Agent Card of a fleet: one agent to the outside, whose skills are those its members hold (a task
 * may ask for them in `metadata.skills`). Like an agent's card it says nothing of how the fleet works:
 * no members, strategy or limits.
 */
export function fleetCard(fleet: FleetDetail, origin: string): AgentCard {
  return a2aCard(origin, {
    id: fleet.id,
    name: fleet.name,
    description: fleet.description || `The fleet ${fleet.name}: each task goes to one of its agents`,
    version: fleet.version,
    skills: skillsOf(fleet),
    permission: "fleets:execute in the fleet's workspace",
  });
}

/** Each skill some member holds, once (compared trimmed and case-insensitively, as placement does). */
function skillsOf(fleet: FleetDetail): AgentSkill[] {
  const skills = new Map<string, string>();
  for (const member of fleet.members) {
    for (const name of member.skills) {
      const key = name.trim().toLowerCase();
      if (!skills.has(key)) skills.set(key, name.trim());
    }
  }
  if (skills.size === 0) {
    return [cardSkill('task', fleet.name, fleet.description || `Hand ${fleet.name} a task`, ['task'])];
  }
  return [...skills.values()]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => cardSkill(name, name, `A member of ${fleet.name} can help with ${name}`, [name]));
}
