import type { RealtimeClientMessage, RealtimeServerMessage } from '@agent-fleet/contracts';
import { act, waitFor } from '@testing-library/react';
import { vi } from 'vitest';

/** The browser's WebSocket as the test drives it; the app's realtime client opens it like the real one. */
class FakeWebSocket {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: RealtimeClientMessage[] = [];

  constructor(readonly url: string) {
    sockets.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as RealtimeClientMessage);
  }

  close(): void {
    this.readyState = 3;
  }
}
const sockets: FakeWebSocket[] = [];

/**
 * Replaces the browser's WebSocket (undone after the test: `unstubGlobals`). `subscribed(topic)` waits for
 * the app's socket, opens it, waits for its `subscribe` of `topic` and confirms it; `event` then delivers
 * the topic's events, numbered 1, 2, 3….
 */
export function stubLiveSocket() {
  sockets.length = 0;
  vi.stubGlobal('WebSocket', FakeWebSocket);
  let seq = 0;
  const socket = () => {
    const open = sockets.at(-1);
    if (!open) throw new Error('The app opened no WebSocket');
    return open;
  };
  const receive = (message: RealtimeServerMessage) => act(() => socket().onmessage?.({ data: JSON.stringify(message) }));

  return {
    async subscribed(topic: string): Promise<void> {
      await waitFor(() => socket());
      act(() => {
        socket().readyState = 1;
        socket().onopen?.({});
      });
      await waitFor(() => {
        if (!socket().sent.some((message) => message.type === 'subscribe' && message.topic === topic)) {
          throw new Error(`No subscribe of ${topic} yet`);
        }
      });
      receive({ type: 'subscribed', topic, head: { epoch: 'epoch', seq: 0 }, replayed: 0 });
    },
    event(topic: string, eventType: string, data: unknown): void {
      seq += 1;
      receive({ type: 'event', topic, seq, eventType, ts: '2026-12-07T00:00:00.000Z', data });
    },
  };
}
