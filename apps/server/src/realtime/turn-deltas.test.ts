import { TURN_DELTA, TurnDeltaSchema, type Message, type RealtimeServerMessage, type TurnDelta } from '@agent-fleet/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { startRealtimeApp, type Member, type RealtimeTestApp, type TestSocket } from './realtime.test-support.js';

type Event = Extract<RealtimeServerMessage, { type: 'event' }>;
const isEvent =
  (eventType: string) =>
  (message: RealtimeServerMessage): message is Event =>
    message.type === 'event' && message.eventType === eventType;
const deltasOf = (socket: TestSocket): { seq: number; data: TurnDelta }[] =>
  socket.messages.filter(isEvent(TURN_DELTA)).map((event) => ({ seq: event.seq, data: TurnDeltaSchema.parse(event.data) }));

let app: RealtimeTestApp;
afterEach(async () => {
  await app.close();
});

const connect = async (member: Member) => app.connect(`?ticket=${await app.ticket(member)}`);
const subscribe = async (socket: TestSocket, topic: string) => {
  socket.send({ type: 'subscribe', topic });
  await socket.next((message) => message.type === 'subscribed' && message.topic === topic);
};

// The mock echoes the message, one word a chunk, 20 ms apart: about 700 ms of text for the coalescing to batch.
const WORDS = Array.from({ length: 30 }, (_, index) => `word${index}`);
const chunksOf = (text: string) => text.match(/\S+\s*/g)?.length ?? 0;

describe('a chat turn’s text on conversation:<id>', { timeout: 60_000 }, () => {
  it('delivers the reply as turn.delta events, in order and coalesced, whose text is the stored reply; a late watcher gets the rest', async () => {
    app = await startRealtimeApp();
    const owner = await app.signupOwner();
    const viewer = await app.addUser(owner, 'viewer');
    const agentRes = await app.api(owner.token, 'POST', '/api/v1/agents', {
      name: 'Streamer',
      model: { provider: 'mock', model: 'echo?chunkDelayMs=20' },
    });
    const agent = (await agentRes.json()) as { id: string };
    const conversationRes = await app.api(owner.token, 'POST', '/api/v1/conversations', { agentId: agent.id });
    const conversation = (await conversationRes.json()) as { id: string };
    const topic = `conversation:${conversation.id}`;
    // A viewer may read the conversation (agents:read) but not send to it: watching is all it can do.
    const early = await connect(viewer);
    await subscribe(early, topic);
    // Connected now, subscribed once the reply has begun.
    const late = await connect(owner);

    // Asked over the JSON API (as the CLI or a script would), not over SSE.
    const turn = app.api(owner.token, 'POST', `/api/v1/conversations/${conversation.id}/messages`, {
      content: WORDS.join(' '),
    });
    await early.next(isEvent(TURN_DELTA));
    await subscribe(late, topic);
    const response = await turn;
    expect(response.status).toBe(200);
    const { message } = (await response.json()) as { message: Message };
    await early.next(isEvent('turn.ended'));
    await late.next(isEvent('turn.ended'));

    const deltas = deltasOf(early);
    expect(deltas.map((delta) => delta.data.text).join('')).toBe(message.content);
    expect(deltas.every((delta) => delta.data.taskId === message.taskId)).toBe(true);
    // In order, without holes: each starts where the last ended, on increasing seqs…
    let offset = 0;
    for (const [index, delta] of deltas.entries()) {
      expect(delta.data.offset).toBe(offset);
      if (index > 0) expect(delta.seq).toBeGreaterThan(deltas[index - 1]?.seq ?? 0);
      offset += delta.data.text.length;
    }
    // …streamed (more than one event) but coalesced (fewer events than the model's chunks)…
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.length).toBeLessThan(chunksOf(message.content));
    // …and all before the turn's end.
    const ended = early.messages.findIndex(isEvent('turn.ended'));
    expect(early.messages.findLastIndex(isEvent(TURN_DELTA))).toBeLessThan(ended);

    // The watcher that joined mid-turn sees the text from its first delta on, which says where it starts.
    const rest = deltasOf(late);
    const first = rest[0]?.data.offset ?? 0;
    expect(rest.map((delta) => delta.data.text).join('')).toBe(message.content.slice(first));
    expect(first).toBeGreaterThan(0);
  });
});
