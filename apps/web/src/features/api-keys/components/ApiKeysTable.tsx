import type { ApiKey } from '@agent-fleet/contracts';
import { clsx } from 'clsx';
import { Ban } from 'lucide-react';
import { RowActions } from '../../../components/ui/RowActions';
import { Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { formatDate, formatDateTime, formatRelativeTime } from '../../../lib/format';
import { RoleBadge } from '../../roles/components/RoleBadge';
import { apiKeyStatus } from '../api-key-status';
import { ApiKeyStatusBadge } from './ApiKeyStatusBadge';

export interface ApiKeysTableProps {
  apiKeys: readonly ApiKey[];
  /** Accessible name, e.g. "Your keys". */
  label: string;
  /** Absent when the viewer may not revoke keys. */
  onRevoke?: (apiKey: ApiKey) => void;
}

function When({ value, empty }: { value: string | null; empty: string }) {
  if (value === null) return <span className="text-slate-400">{empty}</span>;
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      {formatRelativeTime(value)}
    </time>
  );
}

export function ApiKeysTable({ apiKeys, label, onRevoke }: ApiKeysTableProps) {
  return (
    <Table aria-label={label}>
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Key</Th>
          <Th>Role</Th>
          <Th priority="optional">Created</Th>
          <Th>Expires</Th>
          <Th>Last used</Th>
          <Th>Status</Th>
          {onRevoke && (
            <Th actions>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </Tr>
      </THead>
      <TBody>
        {apiKeys.map((apiKey) => {
          const active = apiKeyStatus(apiKey) === 'active';
          const nameId = `api-key-${apiKey.id}`;
          return (
            <Tr key={apiKey.id} className={clsx(!active && 'text-slate-400')}>
              <Td className="max-w-56 min-w-32">
                <span id={nameId} className={clsx('block truncate font-medium', active ? 'text-slate-900' : 'text-slate-500')}>
                  {apiKey.name}
                </span>
              </Td>
              <Td className="whitespace-nowrap">
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">{apiKey.prefix}_…</code>
              </Td>
              <Td>
                <RoleBadge role={apiKey.role} />
              </Td>
              <Td priority="optional" className="whitespace-nowrap text-slate-500">
                <When value={apiKey.createdAt} empty="—" />
              </Td>
              <Td className="whitespace-nowrap text-slate-500">
                {apiKey.expiresAt === null ? (
                  <span className="text-slate-400">Never</span>
                ) : (
                  <time dateTime={apiKey.expiresAt} title={formatDateTime(apiKey.expiresAt)}>
                    {formatDate(apiKey.expiresAt)}
                  </time>
                )}
              </Td>
              <Td className="whitespace-nowrap text-slate-500">
                <When value={apiKey.lastUsedAt} empty="Never used" />
              </Td>
              <Td>
                <ApiKeyStatusBadge apiKey={apiKey} />
              </Td>
              {onRevoke && (
                <RowActions
                  describedBy={nameId}
                  actions={[
                    apiKey.revokedAt === null && { label: 'Revoke', icon: Ban, danger: true, onSelect: () => onRevoke(apiKey) },
                  ]}
                />
              )}
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
