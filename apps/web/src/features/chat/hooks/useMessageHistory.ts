import type { Message } from '@agent-fleet/contracts';
import { useMemo } from 'react';
import { useMessagePages } from '../api';

export interface MessageHistory {
  /** The messages read so far, oldest first; `olderCount` more sit before them. */
  messages: Message[];
  olderCount: number;
  showOlder: () => void;
  /** True until the first (newest) page is read. */
  loading: boolean;
  error: unknown;
  retry: () => void;
}

/**
 * A conversation's history from its newest message back: the API pages newest first (`order=desc`),
 * so the latest page shows at once and each "Show earlier messages" reads one page further back.
 */
export function useMessageHistory(conversationId: string): MessageHistory {
  const query = useMessagePages(conversationId);
  const { data, isError, fetchNextPage, hasNextPage, isFetchingNextPage } = query;
  const messages = useMemo(() => (data?.pages.flatMap((page) => page.items) ?? []).reverse(), [data]);
  const total = data?.pages[0]?.total ?? 0;

  return {
    messages,
    olderCount: hasNextPage ? Math.max(0, total - messages.length) : 0,
    showOlder: () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    loading: data === undefined && !isError,
    error: isError ? query.error : null,
    retry: () => void (data ? fetchNextPage() : query.refetch()),
  };
}
