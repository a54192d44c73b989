import { SettableAgentStatusSchema, type Agent } from '@agent-fleet/contracts';
import { Select } from '../../../components/ui/Select';
import { useToast } from '../../../components/ui/useToast';
import { errorMessage, isStaleVersionError } from '../../../lib/api-error';
import { useUpdateAgent } from '../api';
import { AGENT_STATUS_META } from '../agent-status';

const SETTABLE = SettableAgentStatusSchema.options;

export interface AgentStatusControlProps {
  agent: Agent;
  /** Called when the server refused a stale change, so the page can fetch the latest agent. */
  onStale: () => void;
}

/** Lets a person pause, resume or take an agent offline; busy and error are the runtime's to set. */
export function AgentStatusControl({ agent, onStale }: AgentStatusControlProps) {
  const update = useUpdateAgent();
  const toast = useToast();
  const settable = SettableAgentStatusSchema.safeParse(agent.status);

  const change = (value: string) => {
    const status = SettableAgentStatusSchema.safeParse(value);
    if (!status.success || status.data === agent.status) return;
    update.mutate(
      { id: agent.id, version: agent.version, patch: { status: status.data } },
      {
        onSuccess: (saved) => toast.success(`Status set to ${AGENT_STATUS_META[saved.status].label.toLowerCase()}`),
        onError: (error) => {
          if (isStaleVersionError(error)) {
            toast.error('This agent was changed by someone else', 'Showing the latest version now; try again.');
            onStale();
          } else {
            toast.error('Could not change the status', errorMessage(error));
          }
        },
      },
    );
  };

  return (
    <div>
      <label htmlFor="agent-status-control" className="sr-only">
        Change status
      </label>
      <Select
        id="agent-status-control"
        value={settable.success ? settable.data : ''}
        onChange={(event) => change(event.target.value)}
        disabled={update.isPending}
        className="w-36"
      >
        {!settable.success && (
          <option value="" disabled>
            {AGENT_STATUS_META[agent.status].label}
          </option>
        )}
        {SETTABLE.map((status) => (
          <option key={status} value={status}>
            {AGENT_STATUS_META[status].label}
          </option>
        ))}
      </Select>
    </div>
  );
}
