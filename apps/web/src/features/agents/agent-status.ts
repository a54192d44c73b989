import type { AgentStatus } from '@agent-fleet/contracts';
import type { BadgeTone } from '../../components/ui/Badge';

export interface AgentStatusMeta {
  label: string;
  tone: BadgeTone;
  /** Live states pulse so a busy fleet is visible at a glance. */
  dot: true | 'pulse';
  description: string;
}

export const AGENT_STATUS_META: Record<AgentStatus, AgentStatusMeta> = {
  idle: { label: 'Idle', tone: 'green', dot: true, description: 'Ready to take tasks' },
  busy: { label: 'Busy', tone: 'indigo', dot: 'pulse', description: 'Working on a task' },
  paused: { label: 'Paused', tone: 'amber', dot: true, description: 'Will not take new tasks until resumed' },
  error: { label: 'Error', tone: 'red', dot: true, description: 'Stopped after a failure' },
  offline: { label: 'Offline', tone: 'slate', dot: true, description: 'Disabled' },
};
