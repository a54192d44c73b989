import type { Message } from '@agent-fleet/contracts';
import { useEffect, useMemo, useState } from 'react';
import { useMessagePages } from '../api';

/** Messages shown at first and added by each "Show earlier messages". */
export const HISTORY_WINDOW = 50;

export interface MessageHistory {
  /** The newest messages, oldest first; `olderCount` more sit before them. */
  messages: Message[];
  olderCount: number;
  showOlder: () => void;
  /** True until the whole history is read. */
  loading: boolean;
  error: unknown;
  retry: () => void;
}

/**
 * A conversation's history from its newest message back. The API pages oldest first with forward
 * cursors only, so the pages are read to the end (100 messages each) and the newest are shown first;
 * earlier ones appear on request.
 */
export function useMessageHistory(conversationId: string): MessageHistory {
  const query = useMessagePages(conversationId);
  const [shown, setShown] = useState(HISTORY_WINDOW);
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;
  // A dependency that changes with every page read: the flags alone can look the same before and after.
  const pagesRead = query.data?.pages.length ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage, pagesRead]);

  const all = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const complete = query.data !== undefined && !hasNextPage;
  const messages = all.slice(Math.max(0, all.length - shown));

  return {
    messages: complete ? messages : [],
    olderCount: complete ? all.length - messages.length : 0,
    showOlder: () => setShown((count) => count + HISTORY_WINDOW),
    loading: !complete && !isError,
    error: isError ? query.error : null,
    retry: () => void (query.data ? fetchNextPage() : query.refetch()),
  };
}
