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
          <Th>Action · target</Th>
          <Th>Actor · IP</Th>
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
            {/* What was done to what: the target sits under the action rather than in a column of its own. */}
            <Td className="max-w-56">
              <span title={event.action}>
                <Badge tone={auditActionTone(event.action)}>{AUDIT_ACTION_LABELS[event.action]}</Badge>
              </span>
              {event.targetType && (
                <span className="mt-1 block truncate text-xs" title={event.targetId ?? undefined}>
                  <span className="text-slate-500">{event.targetType.replace('_', ' ')}</span>
                  {event.targetId && <span className="ml-1.5 font-mono text-slate-600">{shortId(event.targetId)}</span>}
                </span>
              )}
            </Td>
            {/* Who and from where: the address sits under the actor rather than in a column of its own. */}
            <Td className="max-w-48">
              <AuditActor event={event} />
              {event.ip && (
                <span className="mt-0.5 block truncate font-mono text-xs text-slate-400" title="IP address">
                  {event.ip}
                </span>
              )}
            </Td>
            <Td className="max-w-56 min-w-40">
              <AuditMetadata metadata={event.metadata} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
