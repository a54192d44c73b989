import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useAuth } from '../../features/auth/useAuth';
import { apiRequest } from '../api-client';
import { applyLiveEvent, resetTopic } from './live-cache';
import { RealtimeClient, type ConnectionStatus, type RealtimeClientOptions } from './realtime-client';
import { ConnectionStatusContext, RealtimeContext } from './realtime-context';

/** The gateway's paths (REALTIME_PATH and REALTIME_TICKET_PATH in contracts). */
const SOCKET_PATH = '/api/v1/ws';
const TICKET_PATH = '/api/v1/ws/ticket';

async function fetchTicket(): Promise<string> {
  const reply = (await apiRequest(TICKET_PATH, { method: 'POST' })) as { ticket?: unknown } | undefined;
  if (typeof reply?.ticket !== 'string') throw new Error('The server answered no WebSocket ticket');
  return reply.ticket;
}

function socketUrl(ticket: string): string {
  const url = new URL(SOCKET_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('ticket', ticket);
  return url.toString();
}

export interface RealtimeProviderProps {
  children: ReactNode;
  /** Injected by tests: how the client opens sockets and gets tickets. Default: the browser's. */
  clientOptions?: Partial<RealtimeClientOptions>;
}

/**
 * While signed in to a workspace, keeps the tab's one realtime connection, listens to
 * `workspace:<id>` and applies its events to the query cache; pages add topics with `useLiveTopic`.
 */
export function RealtimeProvider({ children, clientOptions }: RealtimeProviderProps) {
  const queryClient = useQueryClient();
  const { status: authStatus, workspaceId, reloadMe } = useAuth();
  const [client, setClient] = useState<RealtimeClient | null>(null);
  const [status, setStatus] = useState<ConnectionStatus | null>(null);
  const active = authStatus === 'signed-in' && workspaceId !== null;

  useEffect(() => {
    if (!active) return;
    const realtime = new RealtimeClient({
      ticket: fetchTicket,
      url: socketUrl,
      onForbidden: () => void reloadMe().catch(() => undefined),
      ...clientOptions,
    });
    const stopStatus = realtime.onStatus(setStatus);
    const stopWorkspace = realtime.subscribe(`workspace:${workspaceId}`, {
      event: (event) => applyLiveEvent(queryClient, event),
      reset: (topic) => resetTopic(queryClient, topic),
    });
    const online = () => realtime.retryNow();
    window.addEventListener('online', online);
    realtime.start();
    setClient(realtime);
    setStatus(realtime.status);
    return () => {
      window.removeEventListener('online', online);
      stopWorkspace();
      stopStatus();
      realtime.stop();
      setClient(null);
      setStatus(null);
    };
    // clientOptions and reloadMe are read once per connection; a new workspace or session makes a new one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, workspaceId, queryClient]);

  return (
    <RealtimeContext.Provider value={client}>
      <ConnectionStatusContext.Provider value={status}>{children}</ConnectionStatusContext.Provider>
    </RealtimeContext.Provider>
  );
}
