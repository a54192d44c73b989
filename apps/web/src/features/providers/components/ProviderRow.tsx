import type { Provider } from '@agent-fleet/contracts';
import { KeyRound, Pencil, PlugZap, Trash2 } from 'lucide-react';
import { RowActions } from '../../../components/ui/RowActions';
import { RowTh, Td, Tr } from '../../../components/ui/Table';
import { useTestProvider } from '../api';
import { KIND_LABELS, maskedKeyHint } from '../provider-form';
import { ProviderReadyBadge } from './ProviderReadyBadge';
import { ProviderSourceBadge } from './ProviderSourceBadge';
import { ProviderTestOutcome } from './ProviderTestOutcome';

export interface ProviderActions {
  onEdit: (provider: Provider) => void;
  onDelete: (provider: Provider) => void;
}

export interface ProviderRowProps {
  provider: Provider;
  actions: ProviderActions | undefined;
}

/** One provider; each row tests its own connection, so several tests can run side by side. */
export function ProviderRow({ provider, actions }: ProviderRowProps) {
  const test = useTestProvider();
  const nameId = `provider-${provider.id}`;
  const builtIn = provider.source === 'builtin';

  return (
    <Tr>
      <RowTh className="min-w-40">
        <span id={nameId} className="font-mono text-sm">
          {provider.id}
        </span>
        <p className="mt-0.5 text-xs font-normal text-slate-500">{KIND_LABELS[provider.kind]}</p>
        {provider.kind === 'mock' && (
          <p className="mt-1 max-w-64 text-xs font-normal text-slate-500">
            Built in and offline: answers deterministically without a network or key, for trying agents out.
          </p>
        )}
      </RowTh>
      <Td priority="optional">
        <ProviderSourceBadge source={provider.source} />
      </Td>
      <Td className="max-w-48">
        {provider.baseUrl ? (
          <span className="block truncate font-mono text-xs text-slate-600" title={provider.baseUrl}>
            {provider.baseUrl}
          </span>
        ) : (
          <span className="text-slate-400">{builtIn ? '—' : 'Default'}</span>
        )}
      </Td>
      <Td priority="secondary" className="whitespace-nowrap">
        {provider.hasApiKey ? (
          <span className="inline-flex items-center gap-1.5 font-mono text-xs text-slate-600">
            <KeyRound className="size-3.5 text-slate-400" aria-hidden="true" />
            <span className="sr-only">Key ending in </span>
            {maskedKeyHint(provider.apiKeyHint)}
          </span>
        ) : (
          <span className="text-slate-400">{builtIn ? 'Not needed' : 'No key'}</span>
        )}
      </Td>
      <Td className="min-w-40">
        <ProviderReadyBadge ready={provider.ready} testFailed={!test.isPending && test.data?.ok === false} />
        <ProviderTestOutcome pending={test.isPending} result={test.data} error={test.error} />
      </Td>
      {actions && (
        <RowActions
          describedBy={nameId}
          actions={[
            { label: 'Test connection', icon: PlugZap, loading: test.isPending, onSelect: () => test.mutate(provider.id) },
            !builtIn && { label: 'Edit', icon: Pencil, onSelect: () => actions.onEdit(provider) },
            provider.source === 'workspace' && {
              label: 'Delete',
              icon: Trash2,
              danger: true,
              onSelect: () => actions.onDelete(provider),
            },
          ]}
        />
      )}
    </Tr>
  );
}
