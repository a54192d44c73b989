import type { ChatEvent } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { MemoryBlobs, silentBus, taskRunnerWorld, TEST_OWNER, WORKSPACE } from '../agents/task-runner.test-support.js';
import { ConversationService } from './conversation-service.js';
import { TurnRegistry } from './turn-registry.js';

const sender = { workspaceId: WORKSPACE, userId: null };

/** A conversation service over in-memory rows, with one conversation with `agent`. */
async function chatWorld(agentModel = 'echo') {
  const world = taskRunnerWorld();
  const agent = world.addAgent({ model: { provider: 'mock', model: agentModel, fallbacks: [] } });
  const blobs = new MemoryBlobs();
  const turns = new TurnRegistry({ conversations: world.repositories.conversations, bus: silentBus, owner: TEST_OWNER });
  const service = new ConversationService({
    conversations: world.repositories.conversations,
    messages: world.repositories.messages,
    agents: world.repositories.agents,
    runner: world.runner,
    turns,
    blobs,
    unitOfWork: world.unitOfWork,
  });
  const conversation = await service.create(sender, { agentId: agent.id, variables: {} });
  const events: ChatEvent[] = [];
  const send = (content: string) => service.send(sender, conversation.id, { content }, (event) => events.push(event));
  const state = () => ({
    conversation: world.rows.conversations.find((row) => row.id === conversation.id),
    roles: world.rows.messages.map((message) => message.role),
  });
  return { ...world, service, turns, blobs, conversation, events, send, state };
}

describe('ConversationService.send', () => {
  it('stores the question and the reply, counts both with the turn’s usage, and names the conversation', async () => {
    const chat = await chatWorld();
    const turn = await chat.send('What is a fleet?');

    expect(chat.events[0]).toMatchObject({
      type: 'turn.started',
      taskId: turn.task.id,
      userMessage: { content: 'What is a fleet?' },
    });
    expect(chat.events.at(-1)).toEqual({ type: 'turn.completed', message: turn.message, task: turn.task });
    expect(turn.message).toMatchObject({ role: 'assistant', status: 'complete', taskId: turn.task.id });
    const [call] = chat.ledger.rows;
    expect(chat.state()).toEqual({
      conversation: expect.objectContaining({
        title: 'What is a fleet?',
        messageCount: 2,
        usage: call?.usage,
        costUsd: call?.costUsd,
      }),
      roles: ['user', 'assistant'],
    });
    expect(turn.message).toMatchObject({ usage: call?.usage, costUsd: call?.costUsd });
  });

  it('keeps the counters and the messages in step when the reply cannot be stored', async () => {
    const chat = await chatWorld();
    const refused = new Error('the disk is full');
    chat.rows.refuse = (write, row) =>
      write === 'messages.insert' && (row as { role: string }).role === 'assistant' ? refused : null;

    await expect(chat.send('First')).rejects.toBe(refused);
    expect(chat.state()).toEqual({
      conversation: expect.objectContaining({ messageCount: 1, costUsd: 0 }),
      roles: ['user'],
    });
    expect(chat.rows.tasks.map((task) => task.status)).toEqual(['failed']);
    expect((await chat.service.get(WORKSPACE, chat.conversation.id)).busy).toBe(false);

    // When the turn's usage cannot be added (the closing write, the one with a cost), its reply is not stored either.
    chat.rows.refuse = (write, row) =>
      write === 'conversations.addTurn' && (row as { costUsd: number }).costUsd > 0 ? refused : null;
    await expect(chat.send('Second')).rejects.toBe(refused);
    expect(chat.state()).toEqual({
      conversation: expect.objectContaining({ messageCount: 2, costUsd: 0 }),
      roles: ['user', 'user'],
    });

    chat.rows.refuse = () => null;
    await chat.send('Third');
    expect(chat.state()).toMatchObject({ conversation: { messageCount: 4 }, roles: ['user', 'user', 'user', 'assistant'] });
  });

  it('stores no reply when a failed turn produced nothing, and says why', async () => {
    const chat = await chatWorld('echo?fail=500');
    await expect(chat.send('Hello')).rejects.toMatchObject({ code: 'provider_error' });
    expect(chat.events.at(-1)).toMatchObject({ type: 'turn.failed', error: { code: 'provider_error' }, message: null });
    expect(chat.state()).toEqual({ conversation: expect.objectContaining({ messageCount: 1 }), roles: ['user'] });
  });

  it('stops a turn when asked, ending it cancelled', async () => {
    const chat = await chatWorld('echo?fail=timeout');
    const turn = chat.send('Hang on');
    // The mock call hangs until aborted: without the stop, this test would never end.
    await expect.poll(() => chat.events.length).toBeGreaterThan(0);
    expect(await chat.service.abort(WORKSPACE, chat.conversation.id)).toBe(true);
    await expect(turn).rejects.toMatchObject({ code: 'aborted' });
    expect(chat.events.at(-1)).toMatchObject({ type: 'turn.failed', error: { code: 'aborted' }, task: { status: 'cancelled' } });
    expect((await chat.service.get(WORKSPACE, chat.conversation.id)).busy).toBe(false);
  });
});
