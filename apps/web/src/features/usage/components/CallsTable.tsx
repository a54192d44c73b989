import type { LlmCall } from '@agent-fleet/contracts';
import { Link } from 'react-router';
import { clsx } from 'clsx';
import { Badge } from '../../../components/ui/Badge';
import { Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { formatDateTime, formatNumber, formatRelativeTime } from '../../../lib/format';
import { formatCost } from '../format-cost';
import { CallOutcome } from './CallOutcome';

export interface CallsTableProps {
  calls: readonly LlmCall[];
  /** Agent names by id; calls of agents missing here show a short id. */
  agentNames: ReadonlyMap<string, string>;
  /** Dims the rows while another page loads. */
  stale?: boolean;
  /** The table's accessible name. Default "Recent calls". */
  label?: string;
}

const ms = (value: number | null) => (value === null ? <span className="text-slate-400">—</span> : `${formatNumber(value)} ms`);

function AgentCell({ agentId, name }: { agentId: string | null; name: string | undefined }) {
  if (agentId === null) return <span className="text-slate-400">—</span>;
  return (
    <Link
      to={`/agents/${agentId}`}
      className={clsx(
        'block max-w-44 truncate hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600',
        name ? 'font-medium text-slate-900' : 'font-mono text-xs text-slate-500',
      )}
    >
      {name ?? agentId.slice(0, 8)}
    </Link>
  );
}

function Tokens({ call }: { call: LlmCall }) {
  const { inputTokens, outputTokens, cachedInputTokens, reasoningTokens } = call.usage;
  const extras = [
    cachedInputTokens > 0 && `${formatNumber(cachedInputTokens)} cached`,
    reasoningTokens > 0 && `${formatNumber(reasoningTokens)} reasoning`,
  ].filter(Boolean);
  return (
    <>
      <span className="whitespace-nowrap tabular-nums">
        {formatNumber(inputTokens)} in · {formatNumber(outputTokens)} out
      </span>
      {extras.length > 0 && <span className="block text-xs whitespace-nowrap text-slate-500">{extras.join(' · ')}</span>}
    </>
  );
}

/** Why a cost may not be the provider's bill: estimated tokens, or a model without a price. */
export function CostFlags({ call }: { call: Pick<LlmCall, 'estimated' | 'unpriced'> }) {
  if (!call.estimated && !call.unpriced) return null;
  return (
    <span className="mt-0.5 flex justify-end gap-1 font-normal">
      {call.estimated && (
        <span title="The provider reported no usage: tokens are estimated from the request and the streamed text">
          <Badge tone="amber">Estimated</Badge>
        </span>
      )}
      {call.unpriced && (
        <span title="No price is known for this model: the cost is recorded as $0">
          <Badge tone="slate">Unpriced</Badge>
        </span>
      )}
    </span>
  );
}

/** The usage ledger, newest first: one row per provider call, failed ones and retries included. */
export function CallsTable({ calls, agentNames, stale = false, label = 'Recent calls' }: CallsTableProps) {
  return (
    <Table aria-label={label} aria-busy={stale || undefined} className={clsx('transition-opacity', stale && 'opacity-60')}>
      <THead>
        <Tr>
          <Th>Time</Th>
          <Th>Agent</Th>
          <Th>Model</Th>
          <Th>Tokens</Th>
          <Th className="text-right">Cost</Th>
          <Th priority="secondary" className="text-right">
            Latency
          </Th>
          <Th priority="secondary" className="text-right">
            TTFT
          </Th>
          <Th>Outcome</Th>
        </Tr>
      </THead>
      <TBody>
        {calls.map((call) => (
          <Tr key={call.id}>
            <Td className="whitespace-nowrap text-slate-500">
              <time dateTime={call.createdAt} title={formatDateTime(call.createdAt)}>
                {formatRelativeTime(call.createdAt)}
              </time>
            </Td>
            <Td>
              <AgentCell agentId={call.agentId} name={call.agentId ? agentNames.get(call.agentId) : undefined} />
            </Td>
            <Td className="max-w-56">
              <span className="flex items-center gap-2 whitespace-nowrap">
                <span className="truncate font-mono text-xs text-slate-600">
                  <span className="text-slate-400">{call.provider}/</span>
                  {call.model}
                </span>
                {call.mock && (
                  <span className="shrink-0" title="Offline mock provider: no real model was called">
                    <Badge tone="amber">Mock</Badge>
                  </span>
                )}
              </span>
            </Td>
            <Td>
              <Tokens call={call} />
            </Td>
            <Td className="text-right font-medium whitespace-nowrap text-slate-900 tabular-nums">
              {formatCost(call.costUsd)}
              <CostFlags call={call} />
            </Td>
            <Td priority="secondary" className="text-right whitespace-nowrap tabular-nums">
              {ms(call.latencyMs)}
            </Td>
            <Td priority="secondary" className="text-right whitespace-nowrap tabular-nums">
              {ms(call.timeToFirstTokenMs)}
            </Td>
            <Td>
              <CallOutcome call={call} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
