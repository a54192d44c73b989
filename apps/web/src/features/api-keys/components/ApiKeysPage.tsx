import type { ApiKey } from '@agent-fleet/contracts';
import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { QueryBoundary } from '../../../components/ui/QueryBoundary';
import { TableSkeleton } from '../../../components/ui/TableSkeleton';
import { usePermission } from '../../auth/usePermission';
import { SettingsSection } from '../../settings/components/SettingsSection';
import { useApiKeys } from '../api';
import { ApiKeysTable } from './ApiKeysTable';
import { CreateApiKeyDialog } from './CreateApiKeyDialog';
import { RevokeApiKeyDialog } from './RevokeApiKeyDialog';

export function ApiKeysPage() {
  const query = useApiKeys();
  const canCreate = usePermission('api-keys:create');
  const canRevoke = usePermission('api-keys:delete');
  const seesAll = usePermission('api-keys:manage');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const createButton = (label: string) =>
    canCreate && (
      <Button variant="primary" onClick={() => setCreating(true)} icon={<Plus className="size-4" aria-hidden="true" />}>
        {label}
      </Button>
    );

  return (
    <SettingsSection
      title="API keys"
      description={
        seesAll
          ? 'Every key of this workspace. Send one as “Authorization: Bearer af_…”.'
          : 'Your keys for this workspace. Send one as “Authorization: Bearer af_…”.'
      }
      actions={createButton('Create API key')}
    >
      <div className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
        <QueryBoundary
          query={query}
          errorTitle="Could not load API keys"
          loading={<TableSkeleton label="Loading API keys" columns={[20, 14, 10, 10, 10, 10, 8]} />}
          isEmpty={(data) => data.items.length === 0}
          empty={
            <EmptyState
              icon={<KeyRound />}
              title="No API keys yet"
              description="Keys let scripts and CI call the API in this workspace, with a role no higher than yours."
              action={createButton('Create your first key')}
            />
          }
        >
          {(data) => (
            <ApiKeysTable
              apiKeys={data.items}
              label={seesAll ? 'Workspace keys' : 'Your keys'}
              onRevoke={canRevoke ? setRevoking : undefined}
            />
          )}
        </QueryBoundary>
      </div>
      {creating && <CreateApiKeyDialog onClose={() => setCreating(false)} />}
      <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </SettingsSection>
  );
}
