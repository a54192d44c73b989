import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { controlledEventStream } from '../../../test/event-stream';
import { renderApp } from '../../../test/render-app';
import { agent, assistantMessage, CONVERSATION_ID, events, makeConversation, TASK_ID, userMessage } from '../test/chat-fixtures';
import { stubLiveSocket } from '../test/live-socket';
import { serveChat } from '../test/serve-chat';

afterEach(() => {
  vi.unstubAllGlobals();
});

const conversationPath = `/agents/${agent.id}/chat/${CONVERSATION_ID}`;
const topic = `conversation:${CONVERSATION_ID}`;
const replies = () => screen.queryAllByRole('article', { name: `Reply from ${agent.name}` });
const delta = (offset: number, text: string) => ({ taskId: TASK_ID, offset, text });

/** Opens the conversation while a turn started elsewhere runs, with the live socket subscribed to it. */
async function openWhileBusyElsewhere() {
  const live = stubLiveSocket();
  const asked = userMessage('How do tides work?');
  const server = serveChat({
    live: true,
    conversations: [makeConversation({ busy: true })],
    messages: { [CONVERSATION_ID]: [asked] },
  });
  renderApp(conversationPath);
  await screen.findByRole('article', { name: 'Your message' });
  await live.subscribed(topic);
  return { live, server, asked };
}

describe('a turn started elsewhere, followed live', () => {
  it('grows the reply from its deltas, then shows the stored reply in its place: never two, never none', async () => {
    const { live, server, asked } = await openWhileBusyElsewhere();

    live.event(topic, 'turn.delta', delta(0, 'The moon '));
    expect(await screen.findByTestId('live-reply')).toHaveTextContent('The moon');
    live.event(topic, 'turn.delta', delta(9, 'pulls the sea.'));
    await waitFor(() => expect(screen.getByTestId('live-reply')).toHaveTextContent('The moon pulls the sea.'));
    expect(within(replies()[0] as HTMLElement).getByRole('status')).toHaveTextContent('Writing…');

    // From the turn's end until the stored reply is on screen, the list always holds exactly one reply.
    const counts: number[] = [];
    const observer = new MutationObserver(() => counts.push(replies().length));
    observer.observe(screen.getByRole('region', { name: 'Messages' }), { childList: true, subtree: true, characterData: true });
    server.state.messages[CONVERSATION_ID] = [asked, assistantMessage('The moon pulls the sea.')];
    server.state.conversations = [makeConversation({ busy: false })];
    live.event(topic, 'turn.ended', { turnId: '0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a' });

    await waitFor(() => expect(within(replies()[0] as HTMLElement).getByText('mock/echo')).toBeInTheDocument());
    await waitFor(() => expect(screen.queryByTestId('live-reply')).not.toBeInTheDocument());
    observer.disconnect();
    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toHaveTextContent('The moon pulls the sea.');
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((count) => count === 1)).toBe(true);
  });

  it('shows what it missed by joining mid-turn as an ellipsis, and text replayed twice once', async () => {
    const { live } = await openWhileBusyElsewhere();

    live.event(topic, 'turn.delta', delta(9, 'pulls '));
    expect(await screen.findByTestId('live-reply')).toHaveTextContent(/^…pulls$/);
    live.event(topic, 'turn.delta', delta(9, 'pulls the sea.'));
    await waitFor(() => expect(screen.getByTestId('live-reply')).toHaveTextContent(/^…pulls the sea\.$/));
  });

  it('leaves its own turn to its SSE stream: the same turn’s deltas on the socket add nothing', async () => {
    const live = stubLiveSocket();
    const server = serveChat({ live: true, messages: { [CONVERSATION_ID]: [] } });
    const stream = controlledEventStream();
    server.reply(() => stream.response());
    const { user } = renderApp(conversationPath);
    const composer = await screen.findByRole('textbox', { name: 'Message' });
    await live.subscribed(topic);

    const sent = userMessage('Hello');
    await user.type(composer, 'Hello{Enter}');
    stream.send(events.started(sent), events.delta('Hel'));
    live.event(topic, 'turn.delta', delta(0, 'Hel'));
    await waitFor(() => expect(screen.getByTestId('live-reply')).toHaveTextContent('Hel'));
    const reply = assistantMessage('Hello!');
    stream.send(events.delta('lo!'), events.completed(reply));
    stream.close();
    await waitFor(() => expect(within(replies()[0] as HTMLElement).getByText('mock/echo')).toBeInTheDocument());
    // A delta of its own turn arriving after the turn ended over SSE, before the history is read again.
    live.event(topic, 'turn.delta', delta(3, 'lo!'));
    expect(replies()).toHaveLength(1);
    server.state.messages[CONVERSATION_ID] = [sent, reply];
    live.event(topic, 'turn.ended', { turnId: '0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a' });
    await waitFor(() => expect(screen.queryByTestId('live-reply')).not.toBeInTheDocument());
    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toHaveTextContent('Hello!');
  });
});
