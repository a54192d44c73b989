import type { Fleet } from '@agent-fleet/contracts';
import { Link } from 'react-router';
import { clsx } from 'clsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../../../components/ui/Table';
import { formatDateTime, formatNumber, formatRelativeTime, pluralize } from '../../../../lib/format';
import { describeStrategy } from '../../fleet-meta';
import { FleetAdminStateBadge } from '../FleetAdminStateBadge';

export interface FleetTableProps {
  fleets: readonly Fleet[];
  /** Dims the rows while a newer page or search result loads. */
  stale?: boolean;
}

export function FleetTable({ fleets, stale = false }: FleetTableProps) {
  return (
    <Table aria-label="Fleets" aria-busy={stale || undefined} className={clsx('transition-opacity', stale && 'opacity-60')}>
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Strategy</Th>
          <Th>State</Th>
          <Th>Members</Th>
          <Th priority="secondary">Max concurrency</Th>
          <Th priority="optional">Updated</Th>
        </Tr>
      </THead>
      <TBody>
        {fleets.map((fleet) => (
          <Tr key={fleet.id}>
            <Td className="max-w-80 min-w-44">
              {/* One block, so the card layout of phones stacks name and description. */}
              <div className="min-w-0">
                <Link
                  to={`/fleets/${fleet.id}`}
                  className="font-medium break-words text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {fleet.name}
                </Link>
                {fleet.description && <p className="mt-0.5 truncate text-xs text-slate-500">{fleet.description}</p>}
              </div>
            </Td>
            <Td className="text-slate-600">{describeStrategy(fleet.strategy)}</Td>
            <Td>
              <FleetAdminStateBadge state={fleet.adminState} />
            </Td>
            <Td className="whitespace-nowrap text-slate-600">{pluralize(fleet.memberCount, 'member')}</Td>
            <Td priority="secondary" className="whitespace-nowrap text-slate-600">
              {formatNumber(fleet.maxConcurrency)}
            </Td>
            <Td priority="optional" className="whitespace-nowrap text-slate-500">
              <time dateTime={fleet.updatedAt} title={formatDateTime(fleet.updatedAt)}>
                {formatRelativeTime(fleet.updatedAt)}
              </time>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
