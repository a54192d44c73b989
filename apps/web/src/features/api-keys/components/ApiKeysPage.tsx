import type { ApiKey } from '@agent-fleet/contracts';
import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
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

  const body = () => {
    if (query.isError) {
      return (
        <ErrorState
          error={query.error}
          title="Could not load API keys"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      );
    }
    if (!query.data) return <TableSkeleton label="Loading API keys" columns={[20, 14, 10, 10, 10, 10, 8]} />;
    if (query.data.items.length === 0) {
      return (
        <EmptyState
          icon={<KeyRound />}
          title="No API keys yet"
          description="Keys let scripts and CI call the API in this workspace, with a role no higher than yours."
          action={createButton('Create your first key')}
        />
      );
    }
    return (
      <ApiKeysTable
        apiKeys={query.data.items}
        label={seesAll ? 'Workspace keys' : 'Your keys'}
        onRevoke={canRevoke ? setRevoking : undefined}
      />
    );
  };

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
      <div className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">{body()}</div>
      {creating && <CreateApiKeyDialog onClose={() => setCreating(false)} />}
      <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </SettingsSection>
  );
}
