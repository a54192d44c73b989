import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent, RealtimeClient } from '../../lib/realtime/realtime-client';
import { RealtimeContext } from '../../lib/realtime/realtime-context';
import { AuthContext, type AuthContextValue } from '../auth/auth-context';
import { dashboardKeys, LIVE_REFETCH_THROTTLE_MS, useLiveDashboard } from './api';

afterEach(() => {
  vi.useRealTimers();
});

interface Listener {
  event: (event: LiveEvent) => void;
  reset: () => void;
}

function setup() {
  const listeners = new Map<string, Listener>();
  const client = {
    subscribe: (topic: string, listener: Listener) => {
      listeners.set(topic, listener);
      return () => listeners.delete(topic);
    },
  } as unknown as RealtimeClient;
  const queryClient = new QueryClient();
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries').mockResolvedValue();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      {/* A provided context, not a module mock: the web tests share their modules (isolate: false). */}
      <AuthContext.Provider value={{ workspaceId: 'ws-1' } as AuthContextValue}>
        <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>
      </AuthContext.Provider>
    </QueryClientProvider>
  );
  const view = renderHook(() => useLiveDashboard(), { wrapper });
  return { listeners, invalidate, view };
}

const event = (seq: number): LiveEvent => ({ topic: 'workspace:ws-1', seq, eventType: 'run.changed', ts: '', data: {} });

describe('useLiveDashboard', () => {
  it('listens to the workspace topic and refetches the overview once per burst of events', () => {
    vi.useFakeTimers();
    const { listeners, invalidate, view } = setup();
    const listener = listeners.get('workspace:ws-1');
    expect(listener).toBeDefined();
    listener?.event(event(1));
    listener?.event(event(2));
    listener?.event(event(3));
    vi.advanceTimersByTime(0);
    expect(invalidate).toHaveBeenCalledTimes(1);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: dashboardKeys.all });
    // Within the window the next event waits for its end, then refetches once more.
    listener?.event(event(4));
    vi.advanceTimersByTime(LIVE_REFETCH_THROTTLE_MS - 1);
    expect(invalidate).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(invalidate).toHaveBeenCalledTimes(2);
    // A gap too old to replay refetches too.
    vi.advanceTimersByTime(LIVE_REFETCH_THROTTLE_MS);
    listener?.reset();
    vi.advanceTimersByTime(0);
    expect(invalidate).toHaveBeenCalledTimes(3);
    view.unmount();
    expect(listeners.size).toBe(0);
  });
});
