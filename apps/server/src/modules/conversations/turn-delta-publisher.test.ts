import { TURN_DELTA, type ChatEvent } from '@agent-fleet/contracts';
import { InProcessEventBus } from '@agent-fleet/adapters';
import type { BusEvent } from '@agent-fleet/core';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TurnDeltaPublisher } from './turn-delta-publisher.js';

const CONVERSATION = '6f1c0000-0000-4000-8000-000000000001';
const TASK = '6f1c0000-0000-4000-8000-000000000002';
const started = { type: 'turn.started', taskId: TASK, userMessage: {} } as unknown as ChatEvent;
const delta = (text: string): ChatEvent => ({ type: 'text.delta', delta: text });

describe('TurnDeltaPublisher', () => {
  let published: BusEvent[];
  let bus: InProcessEventBus;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    bus = new InProcessEventBus();
    published = [];
    await bus.subscribe(`conversation:${CONVERSATION}`, {}, (delivery) => {
      if (delivery.kind === 'event') published.push(delivery.event);
    });
  });
  afterEach(() => vi.useRealTimers());

  const follow = (seen: ChatEvent[] = []) =>
    new TurnDeltaPublisher({ bus, log: pino({ enabled: false }), intervalMs: 50 }).follow(CONVERSATION, (event) =>
      seen.push(event),
    );
  const deltas = () => published.filter((event) => event.type === TURN_DELTA).map((event) => event.data);

  it('sends the first text at once, then at most one event per interval with what came meanwhile', async () => {
    const seen: ChatEvent[] = [];
    const turn = follow(seen);
    turn.emit(started);
    turn.emit(delta('Hel'));
    await vi.advanceTimersByTimeAsync(0);
    expect(deltas()).toEqual([{ taskId: TASK, offset: 0, text: 'Hel' }]);
    turn.emit(delta('lo'));
    turn.emit(delta(', '));
    await vi.advanceTimersByTimeAsync(49);
    expect(deltas()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(deltas()).toEqual([
      { taskId: TASK, offset: 0, text: 'Hel' },
      { taskId: TASK, offset: 3, text: 'lo, ' },
    ]);
    // The caller's own stream got every event, undelayed.
    expect(seen).toEqual([started, delta('Hel'), delta('lo'), delta(', ')]);
  });

  it('flushes the text before any other event of the turn, and on end, so the topic keeps the turn’s order', async () => {
    const turn = follow();
    turn.emit(started);
    turn.emit(delta('a'));
    await vi.advanceTimersByTimeAsync(0);
    turn.emit(delta('b'));
    turn.emit({ type: 'tool.call', id: 'c1', name: 'clock', input: {} });
    await vi.advanceTimersByTimeAsync(0);
    expect(deltas()).toEqual([
      { taskId: TASK, offset: 0, text: 'a' },
      { taskId: TASK, offset: 1, text: 'b' },
    ]);
    turn.emit(delta('c'));
    turn.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(deltas().at(-1)).toEqual({ taskId: TASK, offset: 2, text: 'c' });
    // Nothing is left to send later.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(deltas()).toHaveLength(3);
  });
});
