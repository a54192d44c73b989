import type { TaskKind, TaskStatus } from '@agent-fleet/contracts';
import type { BadgeTone } from '../../components/ui/Badge';

export const TASK_STATUS_META: Record<TaskStatus, { label: string; tone: BadgeTone; dot: true | 'pulse' }> = {
  running: { label: 'Running', tone: 'indigo', dot: 'pulse' },
  succeeded: { label: 'Succeeded', tone: 'green', dot: true },
  failed: { label: 'Failed', tone: 'red', dot: true },
  cancelled: { label: 'Cancelled', tone: 'slate', dot: true },
};

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  conversation_turn: 'Chat turn',
  agent_tool_call: 'Asked by an agent',
  pipeline_step: 'Pipeline step',
  fleet_task: 'Fleet task',
};
