import type { UsageRow } from '@agent-fleet/contracts';
import { Link } from 'react-router';
import { Card } from '../../../components/ui/Card';
import { RowTh, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { formatNumber } from '../../../lib/format';
import { formatCost } from '../format-cost';

/** Rows shown; the chart beside it covers the long tail only as far as its bars go too. */
const MAX_ROWS = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

export interface TopSpendersTableProps {
  /** The summary grouped by agent: `key` is the agent id, `label` its name. */
  rows: readonly UsageRow[];
  totalCostUsd: number;
}

/** Agents by cost, largest first, with their share of the range's total. */
export function TopSpendersTable({ rows, totalCostUsd }: TopSpendersTableProps) {
  const top = [...rows].sort((a, b) => b.costUsd - a.costUsd).slice(0, MAX_ROWS);
  return (
    <Card title="Top spenders" description="Agents by cost in this range." flush>
      {top.length === 0 ? (
        <p className="px-5 py-10 text-center text-sm text-slate-400">No agent made calls in this range.</p>
      ) : (
        <Table aria-label="Top spenders">
          <THead>
            <Tr>
              <Th>Agent</Th>
              <Th className="text-right">Calls</Th>
              <Th className="text-right">Errors</Th>
              <Th className="text-right">Tokens in / out</Th>
              <Th className="text-right">Cost</Th>
              <Th className="text-right">Share</Th>
            </Tr>
          </THead>
          <TBody>
            {top.map((row) => (
              <Tr key={row.key}>
                <RowTh className="max-w-56">
                  {/* Calls outside any agent (e.g. a playground) have no agent page to link to. */}
                  {!UUID.test(row.key) ? (
                    <span className="text-slate-500">{row.label || 'No agent'}</span>
                  ) : (
                    <Link
                      to={`/agents/${row.key}`}
                      className="block truncate hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      {row.label}
                    </Link>
                  )}
                </RowTh>
                <Td className="text-right tabular-nums">{formatNumber(row.calls)}</Td>
                <Td className="text-right tabular-nums">{formatNumber(row.errors)}</Td>
                <Td className="text-right whitespace-nowrap tabular-nums">
                  {formatNumber(row.inputTokens)} / {formatNumber(row.outputTokens)}
                </Td>
                <Td className="text-right font-medium whitespace-nowrap text-slate-900 tabular-nums">
                  {formatCost(row.costUsd)}
                </Td>
                <Td className="text-right tabular-nums text-slate-500">
                  {totalCostUsd > 0 ? percent.format(row.costUsd / totalCostUsd) : '—'}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
