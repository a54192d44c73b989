import { REALTIME_CLOSE, type Permission, type TopicKind } from '@agent-fleet/contracts';
import { AppError, type WorkspaceAccess } from '@agent-fleet/core';
import { z } from 'zod';

/** Reads a resource of the workspace, throwing `not_found` (AppError) when the workspace holds no such one. */
export type ResourceReader = (workspaceId: string, id: string) => Promise<unknown>;

/** The readers that say whether a topic's resource exists in the workspace. */
export interface TopicResources {
  agent: ResourceReader;
  fleet: ResourceReader;
  run: ResourceReader;
  conversation: ResourceReader;
}

/** Why a topic was refused, as an `error` message's code. */
export class TopicRefusal extends Error {
  constructor(
    readonly code: (typeof REALTIME_CLOSE)['FORBIDDEN' | 'NOT_FOUND'],
    message: string,
  ) {
    super(message);
  }
}

/**
 * The permission each topic needs, as its REST routes do. `workspace:` needs none beyond membership:
 * each of its events is delivered only to holders of its resource's read permission (`eventPermission`).
 */
const TOPIC_PERMISSION: Record<TopicKind, Permission | null> = {
  workspace: null,
  agent: 'agents:read',
  fleet: 'fleets:read',
  run: 'runs:read',
  conversation: 'agents:read',
  metrics: 'settings:read',
};

/** What a `workspace:` event's type (`agent.updated`, `run.status`, …) needs to be seen. */
const EVENT_PERMISSION: Record<string, Permission> = {
  agent: 'agents:read',
  fleet: 'fleets:read',
  pipeline: 'pipelines:read',
  run: 'runs:read',
  conversation: 'agents:read',
  usage: 'settings:read',
};

const Id = z.uuid();

export function parseTopic(topic: string): { kind: TopicKind; id: string } {
  const at = topic.indexOf(':');
  return { kind: topic.slice(0, at) as TopicKind, id: topic.slice(at + 1) };
}

/** The permission a `workspace:` topic's event of `eventType` needs; null when any member may see it. */
export function eventPermission(eventType: string): Permission | null {
  return EVENT_PERMISSION[eventType.slice(0, eventType.indexOf('.'))] ?? null;
}

/**
 * Checks that `access` may subscribe to `topic` (a valid TopicSchema string): the topic belongs to the
 * access's workspace, the role holds its permission, and (on subscribing) its resource exists. A topic of
 * another workspace and a missing resource are both NOT_FOUND, so nothing is learnt about other workspaces;
 * a missing permission is FORBIDDEN, checked before existence for the same reason.
 */
export async function checkTopic(
  resources: TopicResources,
  access: WorkspaceAccess,
  topic: string,
  options: { existence: boolean },
): Promise<void> {
  const { kind, id } = parseTopic(topic);
  const permission = TOPIC_PERMISSION[kind];
  if (permission && !access.permissions.has(permission)) {
    throw new TopicRefusal(REALTIME_CLOSE.FORBIDDEN, `Your role (${access.role}) lacks the permission ${permission}`);
  }
  const missing = new TopicRefusal(REALTIME_CLOSE.NOT_FOUND, `Topic ${topic} does not exist`);
  if (kind === 'workspace' || kind === 'metrics') {
    if (id !== access.workspaceId) throw missing;
    return;
  }
  if (!options.existence) return;
  if (!Id.safeParse(id).success) throw missing;
  try {
    await resources[kind](access.workspaceId, id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw missing;
    throw error;
  }
}
