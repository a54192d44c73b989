import type { Action, DECISION_PERMISSIONS, Resource } from '@agent-fleet/contracts';

export const RESOURCE_LABELS: Record<Resource, string> = {
  agents: 'Agents',
  fleets: 'Fleets',
  pipelines: 'Pipelines',
  runs: 'Runs',
  prompts: 'Prompts',
  connectors: 'Connectors',
  members: 'Members',
  settings: 'Settings',
  'api-keys': 'API keys',
  audit: 'Audit log',
};

export const ACTION_LABELS: Record<Action, string> = {
  read: 'Read',
  create: 'Create',
  update: 'Update',
  delete: 'Delete',
  execute: 'Execute',
  manage: 'Manage',
};

export const DECISION_LABELS: Record<(typeof DECISION_PERMISSIONS)[number], string> = {
  'runs:approve': 'Approve or reject runs',
};
