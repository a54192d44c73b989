import type { AgentAdminState, AgentObservedState } from '@agent-fleet/contracts';
import type { BadgeTone } from '../../components/ui/Badge';

export const AGENT_ADMIN_STATE_META: Record<AgentAdminState, { label: string; tone: BadgeTone; description: string }> = {
  active: { label: 'Active', tone: 'green', description: 'Takes new work.' },
  paused: { label: 'Paused', tone: 'slate', description: 'Takes no new work; work in progress finishes.' },
  draining: { label: 'Draining', tone: 'amber', description: 'Takes no new work and pauses once nothing is in flight.' },
  disabled: { label: 'Disabled', tone: 'red', description: 'Out of service: takes no new work until resumed.' },
};

/** Busy pulses so a working fleet is visible at a glance. */
export const AGENT_OBSERVED_STATE_META: Record<AgentObservedState, { label: string; tone: BadgeTone; description: string }> = {
  idle: { label: 'Idle', tone: 'green', description: 'Nothing in flight.' },
  busy: { label: 'Busy', tone: 'indigo', description: 'Tasks in flight.' },
  error: { label: 'Error', tone: 'red', description: 'Its last 3 tasks failed within 15 minutes.' },
  offline: { label: 'Offline', tone: 'slate', description: 'Its provider is down.' },
};
