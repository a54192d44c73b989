import type { AuditEvent } from '@agent-fleet/contracts';
import { Badge } from '../../../components/ui/Badge';
import { Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { formatDateTime, formatRelativeTime } from '../../../lib/format';
import { AUDIT_ACTION_LABELS, auditActionTone } from '../audit-actions';
import { AuditActor } from './AuditActor';
import { AuditMetadata } from './AuditMetadata';

const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

export function AuditTable({ events }: { events: readonly AuditEvent[] }) {
  return (
    <Table aria-label="Audit events">
      <THead>
        <Tr>
          <Th>Time</Th>
          <Th>Action</Th>
          <Th>Actor</Th>
          <Th>Target</Th>
          <Th>IP</Th>
          <Th>Metadata</Th>
        </Tr>
      </THead>
      <TBody>
        {events.map((event) => (
          <Tr key={event.id}>
            <Td className="whitespace-nowrap">
              <time dateTime={event.createdAt} title={formatDateTime(event.createdAt)} className="text-slate-900">
                {formatDateTime(event.createdAt)}
              </time>
              <span className="block text-xs text-slate-500">{formatRelativeTime(event.createdAt)}</span>
            </Td>
            <Td className="whitespace-nowrap">
              <Badge tone={auditActionTone(event.action)}>{AUDIT_ACTION_LABELS[event.action]}</Badge>
              <span className="mt-1 block font-mono text-[11px] text-slate-400">{event.action}</span>
            </Td>
            <Td className="max-w-56">
              <AuditActor event={event} />
            </Td>
            <Td className="whitespace-nowrap">
              {event.targetType ? (
                <span title={event.targetId ?? undefined}>
                  <span className="text-slate-500">{event.targetType.replace('_', ' ')}</span>
                  {event.targetId && <span className="ml-1.5 font-mono text-xs text-slate-600">{shortId(event.targetId)}</span>}
                </span>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap">{event.ip ?? <span className="text-slate-400">—</span>}</Td>
            <Td className="min-w-48">
              <AuditMetadata metadata={event.metadata} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
