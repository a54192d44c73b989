import type { ModelInfo } from '@agent-fleet/contracts';
import { Boxes, Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { EmptyState } from '../../../components/ui/EmptyState';
import { QueryBoundary } from '../../../components/ui/QueryBoundary';
import { Select } from '../../../components/ui/Select';
import { TableSkeleton } from '../../../components/ui/TableSkeleton';
import { useModels } from '../api';
import { ModelPriceDialog } from './ModelPriceDialog';
import { ModelPricesTable } from './ModelPricesTable';
import { ResetModelPriceDialog } from './ResetModelPriceDialog';

export interface ModelPricesCardProps {
  /** Providers to filter by and to add a model to. */
  providerIds: readonly string[];
  canManage: boolean;
}

/** Models grouped by provider, in the order the API lists them. */
function byProvider(models: readonly ModelInfo[]): [string, ModelInfo[]][] {
  const groups = new Map<string, ModelInfo[]>();
  for (const model of models) groups.set(model.provider, [...(groups.get(model.provider) ?? []), model]);
  return [...groups];
}

export function ModelPricesCard({ providerIds, canManage }: ModelPricesCardProps) {
  const [provider, setProvider] = useState('');
  const query = useModels(provider);
  const [editing, setEditing] = useState<ModelInfo | 'new' | null>(null);
  const [resetting, setResetting] = useState<ModelInfo | null>(null);
  const actions = canManage ? { onEdit: setEditing, onReset: setResetting } : undefined;

  return (
    <Card
      flush
      title="Models and prices"
      description="Prices in US dollars per million tokens, used to compute the cost of every call."
      actions={
        <>
          <label htmlFor="models-provider-filter" className="sr-only">
            Provider
          </label>
          <Select
            id="models-provider-filter"
            value={provider}
            onChange={(event) => setProvider(event.target.value)}
            className="w-44"
          >
            <option value="">All providers</option>
            {providerIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </Select>
          {canManage && (
            <Button onClick={() => setEditing('new')} icon={<Plus className="size-4" aria-hidden="true" />}>
              Add model
            </Button>
          )}
        </>
      }
    >
      <QueryBoundary
        query={query}
        errorTitle="Could not load the models"
        loading={<TableSkeleton label="Loading models" columns={[20, 8, 8, 8, 8, 8, 8, 10]} />}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState
            icon={<Boxes />}
            title={provider ? `No models for “${provider}”` : 'No models'}
            description="Models the catalogue lists and those you add prices for show up here."
          />
        }
      >
        {(data) => (
          <div className="divide-y divide-slate-200">
            {byProvider(data.items).map(([id, models]) => (
              <section key={id} aria-labelledby={`models-of-${id}`}>
                <h3
                  id={`models-of-${id}`}
                  className="bg-slate-50/50 px-5 pt-4 pb-2 font-mono text-xs font-semibold text-slate-700"
                >
                  {id}
                </h3>
                <ModelPricesTable provider={id} models={models} stale={query.isPlaceholderData} actions={actions} />
              </section>
            ))}
          </div>
        )}
      </QueryBoundary>
      {editing !== null && (
        <ModelPriceDialog
          model={editing === 'new' ? null : editing}
          providerIds={providerIds}
          defaultProvider={provider}
          onClose={() => setEditing(null)}
        />
      )}
      <ResetModelPriceDialog model={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
