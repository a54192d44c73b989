import type { ModelInfo } from '@agent-fleet/contracts';
import { Pencil, RotateCcw } from 'lucide-react';
import { clsx } from 'clsx';
import { Badge } from '../../../components/ui/Badge';
import { RowActions } from '../../../components/ui/RowActions';
import { RowTh, Table, TBody, Td, Th, THead, Tr, type ColumnPriority } from '../../../components/ui/Table';
import { formatNumber } from '../../../lib/format';
import { formatCost } from '../../usage/format-cost';
import { PRICE_KEYS, PRICE_LABELS, type PriceKey } from '../model-price-form';

/** The rarer prices give way first on narrower screens (every price is in the edit dialog). */
const PRICE_PRIORITY: Record<PriceKey, ColumnPriority> = {
  input: 'primary',
  output: 'primary',
  cachedInput: 'primary',
  cacheWrite: 'secondary',
  cacheWrite1h: 'optional',
  reasoning: 'optional',
};

export interface ModelPriceActions {
  onEdit: (model: ModelInfo) => void;
  onReset: (model: ModelInfo) => void;
}

export interface ModelPricesTableProps {
  provider: string;
  models: readonly ModelInfo[];
  /** Dims the rows while another filter loads. */
  stale?: boolean;
  /** Absent for roles without settings:manage. */
  actions?: ModelPriceActions | undefined;
}

/** One provider's models with their context window and prices per million tokens. */
export function ModelPricesTable({ provider, models, stale = false, actions }: ModelPricesTableProps) {
  return (
    <Table
      aria-label={`${provider} models`}
      aria-busy={stale || undefined}
      className={clsx('transition-opacity', stale && 'opacity-60')}
    >
      <THead>
        <Tr>
          <Th>Model</Th>
          <Th priority="optional" className="text-right">
            Context
          </Th>
          {PRICE_KEYS.map((key) => (
            <Th key={key} priority={PRICE_PRIORITY[key]} className="text-right">
              {PRICE_LABELS[key]}
            </Th>
          ))}
          <Th>Source</Th>
          {actions && (
            <Th actions>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </Tr>
      </THead>
      <TBody>
        {models.map((model) => {
          const nameId = `model-${model.provider}-${model.model}`;
          return (
            <Tr key={model.model}>
              <RowTh className="min-w-40">
                <span id={nameId} className="flex flex-wrap items-center gap-2">
                  {model.label}
                  {model.mock && <Badge tone="amber">Mock</Badge>}
                </span>
                {model.label !== model.model && (
                  <span className="block font-mono text-xs font-normal text-slate-500">{model.model}</span>
                )}
              </RowTh>
              <Td priority="optional" className="text-right whitespace-nowrap tabular-nums">
                {model.contextWindow === null ? <span className="text-slate-400">—</span> : formatNumber(model.contextWindow)}
              </Td>
              {PRICE_KEYS.map((key) => (
                <Td key={key} priority={PRICE_PRIORITY[key]} className="text-right whitespace-nowrap tabular-nums">
                  {model.prices[key] === undefined ? <span className="text-slate-400">—</span> : formatCost(model.prices[key])}
                </Td>
              ))}
              <Td>
                {model.source === 'override' ? <Badge tone="indigo">Override</Badge> : <Badge tone="slate">Catalogue</Badge>}
              </Td>
              {actions && (
                <RowActions
                  describedBy={nameId}
                  actions={[
                    { label: 'Edit prices', icon: Pencil, onSelect: () => actions.onEdit(model) },
                    model.source === 'override' && { label: 'Reset', icon: RotateCcw, onSelect: () => actions.onReset(model) },
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
