import {
  ChatEventSchema,
  type Conversation,
  type ConversationCreate,
  type ConversationUpdate,
  type SendMessage,
} from '@agent-fleet/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, endpointPath } from '../../lib/api-client';
import { streamEvents } from '../../lib/event-stream';
import { conversationKeys } from './query-keys';

/** Conversations per page of the side list. */
const LIST_PAGE_SIZE = 30;
/** Messages per request: the API's largest page, since a conversation is read whole (see useMessageHistory). */
const MESSAGE_PAGE_SIZE = 50;
/** While another client's turn runs, check this often whether it ended. */
const BUSY_POLL_MS = 3_000;

/**
 * Query keys. A conversation's messages sit under its detail key, so refreshing the conversation after
 * a turn refreshes both; `lists()` covers every agent's list.
 */

export const fetchConversations = (agentId: string, cursor: string | undefined, signal?: AbortSignal) =>
  api('listConversations', { query: { agentId, limit: LIST_PAGE_SIZE, cursor }, signal });

export const fetchConversation = (id: string, signal?: AbortSignal) => api('getConversation', { params: { id }, signal });

export const createConversation = (body: ConversationCreate) => api('createConversation', { body });

export interface RenameConversationVariables {
  id: string;
  title: string;
}

export const renameConversation = ({ id, title }: RenameConversationVariables) =>
  api('updateConversation', { params: { id }, body: { title } satisfies ConversationUpdate });

export interface SetConversationVariables {
  id: string;
  /** The whole set: keys left out are removed. */
  variables: Record<string, unknown>;
}

export const setConversationVariables = ({ id, variables }: SetConversationVariables) =>
  api('updateConversation', { params: { id }, body: { variables } satisfies ConversationUpdate });

export const deleteConversation = (id: string) => api('deleteConversation', { params: { id } });

/** A page of messages, newest first: the chat shows the latest ones at once and reads back on request. */
export const fetchMessages = (id: string, cursor: string | undefined, signal?: AbortSignal) =>
  api('listMessages', { params: { id }, query: { limit: MESSAGE_PAGE_SIZE, order: 'desc', cursor }, signal });

/** Stops the conversation's running turn, whichever client started it. */
export const abortTurn = (id: string) => api('abortTurn', { params: { id } });

/** Sends a message and yields the turn's events as the agent works; aborting `signal` closes the stream. */
export const streamTurn = (id: string, body: SendMessage, signal: AbortSignal) =>
  streamEvents(endpointPath('sendMessage', { id }), { schema: ChatEventSchema, body, signal });

/** An agent's conversations, newest activity first, a page at a time. */
export function useConversations(agentId: string) {
  return useInfiniteQuery({
    queryKey: conversationKeys.list(agentId),
    queryFn: ({ pageParam, signal }) => fetchConversations(agentId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One conversation; polled while a turn someone else started is running, so its end shows up. */
export function useConversation(id: string) {
  return useQuery({
    queryKey: conversationKeys.detail(id),
    queryFn: ({ signal }) => fetchConversation(id, signal),
    refetchInterval: (query) => (query.state.data?.busy ? BUSY_POLL_MS : false),
  });
}

/** A conversation's messages, newest first, each cursor leading to older ones. */
export function useMessagePages(id: string) {
  return useInfiniteQuery({
    queryKey: conversationKeys.messages(id),
    queryFn: ({ pageParam, signal }) => fetchMessages(id, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useCreateConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createConversation,
    onSuccess: (conversation) => {
      queryClient.setQueryData(conversationKeys.detail(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: conversationKeys.lists() });
    },
  });
}

/** A change of a conversation's own fields: the server's copy replaces the cached one, the lists refetch. */
function useUpdateConversation<V>(mutationFn: (variables: V) => Promise<Conversation>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (conversation) => {
      // Not the whole detail key: that would refetch the messages, which such a change does not touch.
      queryClient.setQueryData(conversationKeys.detail(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: conversationKeys.lists() });
    },
  });
}

export const useRenameConversation = () => useUpdateConversation(renameConversation);

/** Replaces the values the agent's system prompt template is rendered with on every turn. */
export const useSetConversationVariables = () => useUpdateConversation(setConversationVariables);

export function useDeleteConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteConversation,
    onSuccess: (_result, id) => {
      // Only inactive: an open conversation would refetch and flash "not found" before the page moves on.
      queryClient.removeQueries({ queryKey: conversationKeys.detail(id), type: 'inactive' });
      void queryClient.invalidateQueries({ queryKey: conversationKeys.lists() });
    },
  });
}

export { conversationKeys };
