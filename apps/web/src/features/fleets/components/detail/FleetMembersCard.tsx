import type { FleetDetail, FleetMember, FleetMetrics } from '@agent-fleet/contracts';
import { Pencil, Plus, Trash2, UsersRound } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../../components/ui/Button';
import { Card } from '../../../../components/ui/Card';
import { ConfirmDialog } from '../../../../components/ui/ConfirmDialog';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { RowActions } from '../../../../components/ui/RowActions';
import { Table, TBody, Td, Th, THead, Tr } from '../../../../components/ui/Table';
import { useToast } from '../../../../components/ui/useToast';
import { formatNumber } from '../../../../lib/format';
import { AgentAdminStateBadge } from '../../../agents/components/AgentAdminStateBadge';
import { AgentObservedStateBadge } from '../../../agents/components/AgentObservedStateBadge';
import type { MetricsRange } from '../../metrics-api';
import { formatPercent } from '../metrics/metrics-format';
import { SkillChips } from '../SkillChips';
import { missingRoleMessage, ROLE_LABELS } from '../../fleet-meta';
import { useRemoveFleetMember } from '../../mutations';
import { MemberDialog } from './MemberDialog';

export interface FleetMembersCardProps {
  fleet: FleetDetail;
  /** False for roles that may not update fleets: no add, edit or remove. */
  canUpdate: boolean;
  /** Each member's utilisation over a range, by agent id; undefined while the figures load. */
  utilisation?: { range: MetricsRange; byAgent: ReadonlyMap<string, number> } | undefined;
}

/** The members' utilisation from a fleet's figures, by agent id. */
export const utilisationByAgent = (metrics: Pick<FleetMetrics, 'members'>): ReadonlyMap<string, number> =>
  new Map(metrics.members.map((member) => [member.agentId, member.utilisation]));

const rowId = (member: FleetMember) => `fleet-member-${member.agentId}`;

/**
 * The fleet's members with their live state (the agent's observed and admin state), capacity in use,
 * utilisation, role, weight, skills and delegates; add, edit, remove.
 */
export function FleetMembersCard({ fleet, canUpdate, utilisation }: FleetMembersCardProps) {
  const [editing, setEditing] = useState<{ member: FleetMember | null } | null>(null);
  const [removing, setRemoving] = useState<FleetMember | null>(null);
  const remove = useRemoveFleetMember();
  const toast = useToast();
  const names = new Map(fleet.members.map((member) => [member.agentId, member.agentName]));
  const missingRole = missingRoleMessage(remove.error);

  const confirmRemove = () => {
    if (!removing) return;
    remove.mutate(
      { id: fleet.id, agentId: removing.agentId },
      {
        onSuccess: () => {
          toast.success('Member removed', `${removing.agentName} left ${fleet.name}; the agent stays.`);
          setRemoving(null);
        },
      },
    );
  };

  return (
    <Card
      title="Members"
      description={`${fleet.members.length} of at most 200.`}
      flush
      actions={
        canUpdate && (
          <Button size="sm" onClick={() => setEditing({ member: null })} icon={<Plus className="size-4" aria-hidden="true" />}>
            Add member
          </Button>
        )
      }
    >
      {fleet.members.length === 0 ? (
        <EmptyState
          icon={<UsersRound />}
          title="No members yet"
          description="Add agents of this workspace as members: each gets a role, a weight, a capacity and skills."
        />
      ) : (
        <Table aria-label="Members">
          <THead>
            <Tr>
              <Th>Agent</Th>
              <Th>State</Th>
              <Th>Role</Th>
              <Th priority="secondary">Weight</Th>
              <Th>
                <span title="Tasks of this fleet it runs now / its capacity (maxConcurrent)">In flight</span>
              </Th>
              <Th priority="secondary">
                <span title={utilisation ? `Busy time ÷ capacity, ${utilisation.range}` : 'Busy time ÷ capacity'}>
                  Utilisation{utilisation ? ` (${utilisation.range})` : ''}
                </span>
              </Th>
              <Th>Skills</Th>
              <Th priority="secondary">May hand work to</Th>
              {canUpdate && (
                <Th actions>
                  <span className="sr-only">Actions</span>
                </Th>
              )}
            </Tr>
          </THead>
          <TBody>
            {fleet.members.map((member) => (
              <Tr key={member.agentId}>
                <Td className="min-w-36">
                  <Link
                    id={rowId(member)}
                    to={`/agents/${member.agentId}`}
                    className="font-medium break-words text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    {member.agentName}
                  </Link>
                </Td>
                <Td>
                  <span className="flex flex-wrap items-center gap-1" data-testid="member-state">
                    <AgentObservedStateBadge state={member.observedState} />
                    {member.adminState !== 'active' && <AgentAdminStateBadge state={member.adminState} />}
                  </span>
                </Td>
                <Td className="whitespace-nowrap text-slate-600">{ROLE_LABELS[member.role]}</Td>
                <Td priority="secondary" className="whitespace-nowrap text-slate-600">
                  {formatNumber(member.weight)}
                </Td>
                <Td className="whitespace-nowrap text-slate-600">
                  <span aria-label={`${member.inFlight} of ${member.maxConcurrent} slots in use`}>
                    {formatNumber(member.inFlight)} / {formatNumber(member.maxConcurrent)}
                  </span>
                </Td>
                <Td priority="secondary" className="whitespace-nowrap text-slate-600">
                  {utilisation ? (
                    formatPercent(utilisation.byAgent.get(member.agentId) ?? 0)
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </Td>
                <Td className="min-w-32">
                  <SkillChips skills={member.skills} />
                </Td>
                <Td priority="secondary" className="min-w-32 text-slate-600">
                  {member.allowedDelegates.length === 0 ? (
                    <span className="text-slate-400">—</span>
                  ) : (
                    member.allowedDelegates.map((id) => names.get(id) ?? id).join(', ')
                  )}
                </Td>
                {canUpdate && (
                  <RowActions
                    describedBy={rowId(member)}
                    actions={[
                      { label: 'Edit', icon: Pencil, iconOnly: true, onSelect: () => setEditing({ member }) },
                      { label: 'Remove', icon: Trash2, danger: true, iconOnly: true, onSelect: () => setRemoving(member) },
                    ]}
                  />
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <MemberDialog fleet={fleet} member={editing?.member ?? null} open={editing !== null} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.agentName ?? 'member'}?`}
        description="The agent leaves this fleet and the other members' delegates; the agent itself stays."
        confirmLabel="Remove member"
        pending={remove.isPending}
        error={missingRole ? new Error(missingRole) : remove.error}
        onConfirm={confirmRemove}
        onCancel={() => {
          remove.reset();
          setRemoving(null);
        }}
      />
    </Card>
  );
}
