import type { Agent, Page, RealtimeClientMessage, RealtimeServerMessage } from '@agent-fleet/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { AuthContext, type AuthContextValue } from '../../features/auth/auth-context';
import { agentKeys } from '../../features/agents/api';
import { fleetTaskKeys } from '../../features/fleets/task-api';
import { runKeys } from '../../features/runs/api';
import { usageKeys } from '../../features/usage/api';
import { LiveStatus } from '../../app/LiveStatus';
import type { LiveEvent, SocketLike } from './realtime-client';
import { RealtimeProvider } from './RealtimeProvider';
import { useLiveTopic } from './use-live-topic';

const WORKSPACE = '11111111-1111-4111-8111-111111111111';
const AGENT = '22222222-2222-4222-8222-222222222222';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  readonly sent: RealtimeClientMessage[] = [];
  send(data: string) {
    this.sent.push(JSON.parse(data) as RealtimeClientMessage);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: RealtimeServerMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const signedIn = {
  status: 'signed-in',
  workspaceId: WORKSPACE,
  reloadMe: () => Promise.resolve(),
} as unknown as AuthContextValue;

function setup(children: ReactNode = null) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } } });
  const sockets: FakeSocket[] = [];
  render(
    <QueryClientProvider client={queryClient}>
      <AuthContext.Provider value={signedIn}>
        <RealtimeProvider
          clientOptions={{
            ticket: () => Promise.resolve('t'),
            open: () => {
              const socket = new FakeSocket();
              sockets.push(socket);
              return socket;
            },
          }}
        >
          <LiveStatus />
          {children}
        </RealtimeProvider>
      </AuthContext.Provider>
    </QueryClientProvider>,
  );
  return { queryClient, sockets };
}

const event = (topic: string, seq: number, eventType: string, data: unknown): RealtimeServerMessage => ({
  type: 'event',
  topic,
  seq,
  eventType,
  ts: '2026-12-07T00:00:00.000Z',
  data,
});

async function connected(sockets: FakeSocket[]): Promise<FakeSocket> {
  await act(async () => {
    await Promise.resolve();
  });
  const socket = sockets.at(-1) as FakeSocket;
  act(() => socket.open());
  return socket;
}

describe('RealtimeProvider', () => {
  it('subscribes the workspace, shows the connection, and writes an agent’s observed state into the cache at once', async () => {
    const { queryClient, sockets } = setup();
    const agent = { id: AGENT, name: 'A', observedState: 'idle', adminState: 'active' } as Agent;
    queryClient.setQueryData(agentKeys.detail(AGENT), agent);
    queryClient.setQueryData<Page<Agent>>(agentKeys.list({} as never), {
      items: [agent],
      nextCursor: null,
      total: 1,
    } as Page<Agent>);
    const socket = await connected(sockets);
    expect(socket.sent).toEqual([{ type: 'subscribe', topic: `workspace:${WORKSPACE}` }]);
    expect(screen.getByRole('status', { name: 'Live updates: connected' })).toBeInTheDocument();

    const topic = `workspace:${WORKSPACE}`;
    act(() => {
      socket.receive({ type: 'subscribed', topic, head: { epoch: 'e', seq: 0 }, replayed: 0 });
      socket.receive(event(topic, 1, 'agent.observed', { agentId: AGENT, observedState: 'busy' }));
    });
    expect(queryClient.getQueryData<Agent>(agentKeys.detail(AGENT))?.observedState).toBe('busy');
    expect(queryClient.getQueryData<Page<Agent>>(agentKeys.list({} as never))?.items[0]?.observedState).toBe('busy');
  });

  it('marks lists stale on change events, and everything of the workspace on reset', async () => {
    const { queryClient, sockets } = setup();
    const FLEET = '33333333-3333-4333-8333-333333333333';
    queryClient.setQueryData(runKeys.list({} as never), { items: [] });
    queryClient.setQueryData(fleetTaskKeys.list(FLEET, {} as never), { items: [] });
    queryClient.setQueryData(usageKeys.summary('agent' as never, {}), { items: [] });
    const socket = await connected(sockets);
    const topic = `workspace:${WORKSPACE}`;
    const stale = (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated;
    act(() => {
      socket.receive({ type: 'subscribed', topic, head: { epoch: 'e', seq: 0 }, replayed: 0 });
      socket.receive(event(topic, 1, 'run.changed', { runId: 'r1', seq: 3 }));
      socket.receive(event(topic, 2, 'fleet.task', { fleetId: FLEET, taskId: 't', status: 'queued', agentIds: [] }));
    });
    expect(stale(runKeys.list({} as never))).toBe(true);
    expect(stale(fleetTaskKeys.list(FLEET, {} as never))).toBe(true);
    expect(stale(usageKeys.summary('agent' as never, {}))).toBe(false);

    act(() => socket.receive({ type: 'reset', topic, head: { epoch: 'f', seq: 9 } }));
    expect(stale(usageKeys.summary('agent' as never, {}))).toBe(true);
  });

  it('hands a page’s topic to useLiveTopic, once per event across a reconnect', async () => {
    const seen: number[] = [];
    function Page() {
      useLiveTopic('run:r1', (e: LiveEvent) => seen.push(e.seq));
      return null;
    }
    const { sockets } = setup(<Page />);
    const socket = await connected(sockets);
    expect(socket.sent).toContainEqual({ type: 'subscribe', topic: 'run:r1' });
    act(() => {
      socket.receive({ type: 'subscribed', topic: 'run:r1', head: { epoch: 'log', seq: 1 }, replayed: 1 });
      socket.receive(event('run:r1', 1, 'run.created', {}));
      socket.receive(event('run:r1', 2, 'step.started', {}));
    });
    act(() => {
      socket.readyState = 3;
      socket.onclose?.({ code: 1006 });
    });
    expect(screen.getByRole('status', { name: 'Live updates: reconnecting' })).toBeInTheDocument();
    // After its backoff (at most 500 ms the first time), with a new ticket.
    await waitFor(() => expect(sockets).toHaveLength(2));
    const again = await connected(sockets);
    expect(again).not.toBe(socket);
    expect(again.sent).toContainEqual({ type: 'subscribe', topic: 'run:r1', since: 2, epoch: 'log' });
    act(() => {
      again.receive({ type: 'subscribed', topic: 'run:r1', head: { epoch: 'log', seq: 3 }, replayed: 1 });
      again.receive(event('run:r1', 2, 'step.started', {}));
      again.receive(event('run:r1', 3, 'step.completed', {}));
    });
    expect(seen).toEqual([1, 2, 3]);
  });
});
