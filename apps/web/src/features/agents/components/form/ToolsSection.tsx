import { Bot, RefreshCw, X } from 'lucide-react';
import { clsx } from 'clsx';
import { Button } from '../../../../components/ui/Button';
import { Field } from '../../../../components/ui/Field';
import { Select } from '../../../../components/ui/Select';
import { useAgentDirectory, useAgentLookup, type AgentLookup } from '../../api';
import { agentIdOfTool, agentIdsOfTools, agentTool } from '../../agent-tools';
import { fieldId } from '../../form/field-paths';
import { FormSection } from './FormSection';
import type { SectionProps } from './section-props';

export interface ToolsSectionProps extends SectionProps {
  /** The agent being edited: it may not ask itself, so it is not offered. Absent when creating. */
  agentId?: string | undefined;
}

/** What a chip says for a stored tool id. */
function toolName(tool: string, lookup: AgentLookup | undefined): { name: string; known: boolean } {
  if (agentIdOfTool(tool) === null) return { name: tool, known: false };
  if (lookup?.state === 'found') return { name: lookup.agent.name, known: true };
  if (lookup?.state === 'deleted') return { name: 'Deleted agent', known: false };
  return { name: lookup?.state === 'loading' ? 'Loading…' : 'Unknown agent', known: false };
}

/** Picks the other agents of the workspace this agent may ask; each is stored as `agent:<id>`. */
export function ToolsSection({ values, errors, onChange, disabled, agentId }: ToolsSectionProps) {
  const directory = useAgentDirectory();
  const lookup = useAgentLookup(agentIdsOfTools(values.tools));
  const offered = (directory.data?.items ?? []).filter(
    (agent) => agent.id !== agentId && !values.tools.includes(agentTool(agent.id)),
  );

  const add = (id: string) => {
    if (id !== '') onChange({ tools: [...values.tools, agentTool(id)] });
  };
  const remove = (tool: string) => onChange({ tools: values.tools.filter((item) => item !== tool) });

  const placeholder = directory.isPending
    ? 'Loading agents…'
    : offered.length === 0
      ? 'No other agents to add'
      : 'Choose an agent…';

  return (
    <FormSection
      title="Tools"
      description="Other agents this one may ask while it works. Each becomes a tool the model can call with a question."
    >
      {values.tools.length === 0 ? (
        <p className="mb-4 text-sm text-slate-500">No agents yet: this agent answers on its own.</p>
      ) : (
        <ul aria-label="Agents it may ask" className="mb-4 flex flex-wrap gap-2">
          {values.tools.map((tool) => {
            const { name, known } = toolName(tool, lookup.get(agentIdOfTool(tool) ?? ''));
            return (
              <li
                key={tool}
                title={tool}
                className={clsx(
                  'inline-flex items-center gap-1.5 rounded-md py-1 pr-1 pl-2 text-xs font-medium ring-1 ring-inset',
                  known ? 'bg-indigo-50 text-indigo-700 ring-indigo-200' : 'bg-amber-50 text-amber-800 ring-amber-200',
                )}
              >
                <Bot className="size-3.5" aria-hidden="true" />
                {name}
                <button
                  type="button"
                  onClick={() => remove(tool)}
                  disabled={disabled}
                  className="rounded p-0.5 hover:bg-black/5 disabled:opacity-50"
                  aria-label={`Remove ${name}`}
                >
                  <X className="size-3" aria-hidden="true" />
                </button>
              </li>
            );
          })}
        </ul>
      )}

      <Field
        id={fieldId('tools')}
        label="Add an agent"
        error={errors['tools']}
        hint={
          directory.data?.nextCursor
            ? 'Lists the first 100 agents by name.'
            : 'An agent cannot ask itself; deleted agents can only be removed.'
        }
      >
        {(control) => (
          <Select {...control} value="" onChange={(event) => add(event.target.value)} disabled={disabled || offered.length === 0}>
            <option value="">{placeholder}</option>
            {offered.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {directory.isError && (
        <div role="alert" className="mt-2 flex items-center gap-2 text-xs text-red-600">
          Could not load the agents.
          <Button
            size="sm"
            variant="ghost"
            onClick={() => void directory.refetch()}
            icon={<RefreshCw className="size-3.5" aria-hidden="true" />}
          >
            Try again
          </Button>
        </div>
      )}
    </FormSection>
  );
}
