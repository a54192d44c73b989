import type { Provider } from '@agent-fleet/contracts';
import { Plus, Server } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { QueryBoundary } from '../../../components/ui/QueryBoundary';
import { TableSkeleton } from '../../../components/ui/TableSkeleton';
import { usePermission } from '../../auth/usePermission';
import { SettingsSection } from '../../settings/components/SettingsSection';
import { useProviders } from '../api';
import { DeleteProviderDialog } from './DeleteProviderDialog';
import { ModelPricesCard } from './ModelPricesCard';
import { ProviderDialog } from './ProviderDialog';
import { ProvidersTable } from './ProvidersTable';

/** LLM providers of the workspace (keys, base URLs, connection tests), then the models and their prices. */
export function ProvidersPage() {
  const query = useProviders();
  const canManage = usePermission('settings:manage');
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);
  const providers = query.data?.items;

  const addButton = canManage && (
    <Button variant="primary" onClick={() => setEditing('new')} icon={<Plus className="size-4" aria-hidden="true" />}>
      Add provider
    </Button>
  );

  return (
    <SettingsSection
      title="Providers"
      description="Where agents’ models run. API keys are stored encrypted and never shown again."
      actions={addButton}
    >
      <div className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
        <QueryBoundary
          query={query}
          errorTitle="Could not load providers"
          loading={<TableSkeleton label="Loading providers" columns={[18, 10, 20, 10, 12, 14]} />}
          isEmpty={(data) => data.items.length === 0}
          empty={
            <EmptyState
              icon={<Server />}
              title="No providers"
              description="Add OpenAI, Anthropic or an OpenAI-compatible server such as Ollama."
              action={addButton}
            />
          }
        >
          {(data) => (
            <ProvidersTable
              providers={data.items}
              actions={canManage ? { onEdit: setEditing, onDelete: setDeleting } : undefined}
            />
          )}
        </QueryBoundary>
      </div>
      <ModelPricesCard providerIds={providers?.map((provider) => provider.id) ?? []} canManage={canManage} />
      {editing !== null && (
        <ProviderDialog
          provider={editing === 'new' ? null : editing}
          existing={providers ?? []}
          onClose={() => setEditing(null)}
        />
      )}
      <DeleteProviderDialog provider={deleting} onClose={() => setDeleting(null)} />
    </SettingsSection>
  );
}
