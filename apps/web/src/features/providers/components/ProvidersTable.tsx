import type { Provider } from '@agent-fleet/contracts';
import { Table, TBody, Th, THead, Tr } from '../../../components/ui/Table';
import { ProviderRow, type ProviderActions } from './ProviderRow';

export interface ProvidersTableProps {
  providers: readonly Provider[];
  /** Absent for roles without settings:manage: no test, edit or delete. */
  actions?: ProviderActions;
}

export function ProvidersTable({ providers, actions }: ProvidersTableProps) {
  return (
    <Table aria-label="Providers">
      <THead>
        <Tr>
          <Th>Provider</Th>
          <Th priority="optional">Source</Th>
          <Th>Base URL</Th>
          <Th priority="secondary">API key</Th>
          <Th>Status</Th>
          {actions && (
            <Th actions>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </Tr>
      </THead>
      <TBody>
        {providers.map((provider) => (
          <ProviderRow key={provider.id} provider={provider} actions={actions} />
        ))}
      </TBody>
    </Table>
  );
}
