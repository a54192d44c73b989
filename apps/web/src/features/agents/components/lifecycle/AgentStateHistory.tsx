import type { AgentStateChange } from '@agent-fleet/contracts';
import { History } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../../components/ui/Button';
import { Card } from '../../../../components/ui/Card';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { Spinner } from '../../../../components/ui/Spinner';
import { formatDateTime, formatRelativeTime, pluralizeTotal } from '../../../../lib/format';
import { AGENT_ADMIN_STATE_META } from '../../agent-admin-state';
import { useAgentStateHistory } from '../../api';

const who = (change: AgentStateChange): string =>
  change.actorType === 'system'
    ? 'Automatically'
    : `By ${change.actorLabel ?? (change.actorType === 'api_key' ? 'an API key' : 'someone')}`;

/** Every admin-state change of the agent, newest first: from → to, who, why, when. */
export function AgentStateHistory({ agentId }: { agentId: string }) {
  // The cursors of the pages before this one, so "Newer" can go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const query = useAgentStateHistory(agentId, cursor);
  const page = query.data;

  const body = () => {
    if (query.isError) {
      return <ErrorState title="Could not load the state history" error={query.error} onRetry={() => void query.refetch()} />;
    }
    if (!page) return <Spinner label="Loading the state history" />;
    if (page.items.length === 0) {
      return (
        <EmptyState
          icon={<History />}
          title="No changes yet"
          description="Pausing, draining, disabling and resuming show up here."
        />
      );
    }
    return (
      <>
        <ol className="flex flex-col divide-y divide-slate-100" aria-label="State changes">
          {page.items.map((change) => (
            <li key={change.id} className="py-2 text-sm">
              <p className="font-medium text-slate-900">
                {AGENT_ADMIN_STATE_META[change.fromState].label} → {AGENT_ADMIN_STATE_META[change.toState].label}
              </p>
              <p className="text-xs text-slate-500">
                {who(change)} ·{' '}
                <time dateTime={change.createdAt} title={formatDateTime(change.createdAt)}>
                  {formatRelativeTime(change.createdAt)}
                </time>
              </p>
              {change.reason && <p className="mt-1 text-slate-700">{change.reason}</p>}
            </li>
          ))}
        </ol>
        {(cursors.length > 1 || page.nextCursor) && (
          <div className="mt-2 flex justify-between gap-2">
            <Button disabled={cursors.length <= 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
              Newer
            </Button>
            <Button
              disabled={!page.nextCursor}
              onClick={() => page.nextCursor && setCursors((list) => [...list, page.nextCursor ?? undefined])}
            >
              Older
            </Button>
          </div>
        )}
      </>
    );
  };

  return (
    <Card title="State history" description={page ? pluralizeTotal(page, 'change') : 'Who changed the admin state, and why.'}>
      {body()}
    </Card>
  );
}
