import { useConversation } from '../api';

/** The conversation's title once known; the open pane already fetches it, so this adds no request. */
export function ConversationCrumb({ id }: { id: string }) {
  const { data } = useConversation(id);
  return <>{data?.title ?? 'Conversation'}</>;
}
