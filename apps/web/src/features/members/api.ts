import type { EndpointResponse, Invitation, InvitationCreate, MemberUpdate } from '@agent-fleet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { roleKeys } from '../roles/api';

export const memberKeys = {
  all: ['members'] as const,
  list: () => [...memberKeys.all, 'list'] as const,
  invitations: () => [...memberKeys.all, 'invitations'] as const,
};

export const fetchMembers = (signal?: AbortSignal) => api('listMembers', { signal });
export const updateMember = ({ userId, patch }: { userId: string; patch: MemberUpdate }) =>
  api('updateMember', { params: { userId }, body: patch });
export const removeMember = (userId: string) => api('removeMember', { params: { userId } });

export const fetchInvitations = (signal?: AbortSignal) => api('listInvitations', { signal });
export const createInvitation = (body: InvitationCreate) => api('createInvitation', { body });
export const revokeInvitation = (id: string) => api('revokeInvitation', { params: { id } });

export function useMembers() {
  return useQuery({ queryKey: memberKeys.list(), queryFn: ({ signal }) => fetchMembers(signal) });
}

/** Invitations of the workspace; only roles with members:manage may read them. */
export function useInvitations() {
  return useQuery({ queryKey: memberKeys.invitations(), queryFn: ({ signal }) => fetchInvitations(signal) });
}

/** A membership change also moves the roles' member counts. */
function useMembershipMutation<TVariables, TResult>(mutationFn: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      void queryClient.invalidateQueries({ queryKey: roleKeys.all });
    },
  });
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMember,
    onSuccess: (member) => {
      // The row shows the new role at once instead of flicking back until the refetch lands.
      queryClient.setQueryData<EndpointResponse<'listMembers'>>(memberKeys.list(), (current) =>
        current ? { items: current.items.map((item) => (item.userId === member.userId ? member : item)) } : current,
      );
      void queryClient.invalidateQueries({ queryKey: roleKeys.all });
    },
  });
}
export const useRemoveMember = () => useMembershipMutation(removeMember);
export const useCreateInvitation = () => useMembershipMutation(createInvitation);
export const useRevokeInvitation = () => useMembershipMutation(revokeInvitation);

/** Not used, revoked or expired yet. */
export const isPending = (invitation: Invitation, now = Date.now()): boolean =>
  invitation.acceptedAt === null && invitation.revokedAt === null && Date.parse(invitation.expiresAt) > now;
