import { Bot, Trash2, Workflow } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../../components/ui/Button';
import { Card } from '../../../../components/ui/Card';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { TableSkeleton } from '../../../../components/ui/TableSkeleton';
import { Table, TBody, Td, Th, THead, Tr } from '../../../../components/ui/Table';
import { usePromptOutlet } from '../../hooks/usePromptOutlet';
import { usePromptPermissions } from '../../hooks/usePromptPermissions';
import { usePromptUsage } from '../../queries';
import { DeletePromptDialog } from './DeletePromptDialog';

/** Who references the template (and through which label), and deleting it once nobody does. */
export function PromptUsageTab() {
  const { prompt } = usePromptOutlet();
  const { canDelete } = usePromptPermissions();
  const usage = usePromptUsage(prompt.name);
  const [confirming, setConfirming] = useState(false);

  const renderUsage = () => {
    if (usage.isError)
      return <ErrorState error={usage.error} title="Could not load where it is used" onRetry={() => void usage.refetch()} />;
    if (!usage.data) return <TableSkeleton label="Loading usage" columns={[40, 30, 20]} rows={2} />;
    if (usage.data.length === 0) {
      return (
        <EmptyState
          icon={<Workflow />}
          title="Not used yet"
          description={`No agent references ${prompt.name}. Point an agent's system prompt at ${prompt.name}@production (or another label) to use it.`}
        />
      );
    }
    return (
      <Table aria-label="Used by">
        <THead>
          <Tr>
            <Th>Agent</Th>
            <Th>Reference</Th>
          </Tr>
        </THead>
        <TBody>
          {usage.data.map((use) => (
            <Tr key={`${use.kind}-${use.id}`}>
              <Td>
                {use.kind === 'agent' ? (
                  <Link
                    to={`/agents/${use.id}`}
                    className="inline-flex items-center gap-2 font-medium text-slate-900 hover:text-indigo-600"
                  >
                    <Bot className="size-4 text-slate-400" aria-hidden="true" />
                    {use.name}
                  </Link>
                ) : (
                  <span className="inline-flex items-center gap-2">
                    <Workflow className="size-4 text-slate-400" aria-hidden="true" />
                    {use.name} <span className="text-xs text-slate-400">({use.kind})</span>
                  </span>
                )}
              </Td>
              <Td>
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{use.ref}</code>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    );
  };

  return (
    <div className="flex flex-col gap-6">
      <Card title="Where used" description="Agents whose system prompt references this template.">
        {renderUsage()}
      </Card>
      {canDelete && (
        <Card
          title="Delete this prompt"
          description="Removes the template with every version and label. Refused while anything uses it."
        >
          <Button
            onClick={() => setConfirming(true)}
            icon={<Trash2 className="size-4" aria-hidden="true" />}
            className="text-red-600 hover:bg-red-50 hover:text-red-700"
          >
            Delete prompt
          </Button>
        </Card>
      )}
      <DeletePromptDialog
        name={prompt.name}
        open={confirming}
        usageCount={usage.data?.length}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
