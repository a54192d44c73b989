import type { Conversation } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { controlledEventStream } from '../../../test/event-stream';
import { problem } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';
import { agent, assistantMessage, CONVERSATION_ID, events, userMessage } from '../test/chat-fixtures';
import { serveChat } from '../test/serve-chat';

afterEach(() => {
  vi.unstubAllGlobals();
});

const conversationPath = `/agents/${agent.id}/chat/${CONVERSATION_ID}`;
const sendPath = `/api/v1/conversations/${CONVERSATION_ID}/messages`;
const replies = () => screen.queryAllByRole('article', { name: `Reply from ${agent.name}` });
const lastReply = () => {
  const reply = replies().at(-1);
  if (!reply) throw new Error('no reply on screen');
  return reply;
};

/** Opens the conversation with a controlled stream queued as the answer to the next message. */
async function openWithStream(options: Parameters<typeof serveChat>[0] = {}) {
  const server = serveChat(options);
  const stream = controlledEventStream();
  server.reply(() => stream.response());
  const view = renderApp(conversationPath);
  const composer = await screen.findByRole('textbox', { name: 'Message' });
  return { ...view, server, stream, composer };
}

describe('chat turn streaming', () => {
  it('renders deltas as they arrive, then the stored reply with model, tokens, cost and the mock badge', async () => {
    const { user, server, stream, composer } = await openWithStream({ messages: { [CONVERSATION_ID]: [] } });
    const { fetchMock } = server;
    const sent = userMessage('Hello');

    await user.type(composer, 'Hello{Enter}');
    expect(await screen.findByRole('article', { name: 'Your message' })).toHaveTextContent('Hello');
    expect(composer).toHaveValue('');
    expect(composer).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Stop' })).toBeInTheDocument();
    const request = server.requestsTo('POST', sendPath)[0];
    expect(request?.body).toEqual({ content: 'Hello' });
    expect(request?.headers.get('accept')).toMatch(/^text\/event-stream/);

    stream.send(events.started(sent), events.delta('Hel'));
    expect(await within(await waitFor(lastReply)).findByText('Hel')).toBeInTheDocument();
    stream.send(events.delta('lo'));
    expect(await within(lastReply()).findByText('Hello')).toBeInTheDocument();
    expect(within(lastReply()).queryByText('mock/echo')).not.toBeInTheDocument();

    const reply = assistantMessage('Hello!', {
      usage: { inputTokens: 1234, outputTokens: 56, cachedInputTokens: 1000, cacheWriteTokens: 0, reasoningTokens: 7 },
    });
    // The server stores both messages before it reports the turn, so the refetched history holds them.
    server.state.messages[CONVERSATION_ID] = [sent, reply];
    const refetchesBefore = fetchMock.mock.calls.length;
    stream.send(events.delta('!'), events.llmCall(), events.completed(reply));
    stream.close();

    // The live reply gives way to the stored one once the history refetches: look again each time.
    await waitFor(() => expect(within(lastReply()).getByText('mock/echo')).toBeInTheDocument());
    const finished = lastReply();
    expect(within(finished).getByText('Hello!')).toBeInTheDocument();
    expect(within(finished).getByText('Mock')).toBeInTheDocument();
    expect(within(finished).getByLabelText('Tokens')).toHaveTextContent('1,234 in · 56 out · 1,000 cached · 7 reasoning');
    expect(within(finished).getByLabelText('Cost')).toHaveTextContent('$0.000123');
    await waitFor(() => expect(composer).toBeEnabled());
    expect(composer).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Send' })).toBeInTheDocument();

    // The list (totals), the conversation with its messages and the agent (status, tasks) are refreshed …
    await waitFor(() => {
      const paths = fetchMock.mock.calls.slice(refetchesBefore).map(([url]) => new URL(String(url), 'http://localhost').pathname);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/v1/conversations',
          `/api/v1/conversations/${CONVERSATION_ID}`,
          sendPath,
          `/api/v1/agents/${agent.id}`,
        ]),
      );
    });
    // … and the stored copies replace the live ones without doubling them.
    await waitFor(() => expect(screen.getAllByRole('article', { name: 'Your message' })).toHaveLength(1));
    expect(replies()).toHaveLength(1);
  });

  it('starts a new line on Shift+Enter instead of sending', async () => {
    const { user, server, composer } = await openWithStream();
    await user.type(composer, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(composer).toHaveValue('line one\nline two');
    expect(server.requestsTo('POST', sendPath)).toHaveLength(0);
  });

  it('stops a turn: closes the stream, tells the server, and keeps the partial reply', async () => {
    const { user, server, stream, composer } = await openWithStream();
    const { fetchMock } = server;
    await user.type(composer, 'Tell me a story{Enter}');
    stream.send(events.started(userMessage('Tell me a story')), events.delta('Once upon'));
    expect(await within(await waitFor(lastReply)).findByText('Once upon')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Stop' }));

    await waitFor(() => expect(server.requestsTo('POST', `/api/v1/conversations/${CONVERSATION_ID}/abort`)).toHaveLength(1));
    const sendCall = fetchMock.mock.calls.find(([url, init]) => String(url) === sendPath && init?.method === 'POST');
    expect(sendCall?.[1]?.signal?.aborted).toBe(true);
    expect(stream.cancelled).toBe(true);
    expect(within(lastReply()).getByText('Once upon')).toBeInTheDocument();
    expect(within(lastReply()).getByText(/Stopped before the reply finished/)).toBeInTheDocument();
    await waitFor(() => expect(composer).toBeEnabled());
  });

  it('after Stop, waits for the server to close the turn instead of calling it another window', async () => {
    const { user, server, stream, composer } = await openWithStream();
    await user.type(composer, 'Tell me a story{Enter}');
    stream.send(events.started(userMessage('Tell me a story')), events.delta('Once upon'));
    expect(await within(await waitFor(lastReply)).findByText('Once upon')).toBeInTheDocument();
    // The server is still winding the turn down when the client asks after Stop.
    const setConversation = (patch: Partial<Conversation>) => {
      server.state.conversations = server.state.conversations.map((item) =>
        item.id === CONVERSATION_ID ? { ...item, ...patch } : item,
      );
    };
    setConversation({ busy: true });

    await user.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(server.requestsTo('GET', `/api/v1/conversations/${CONVERSATION_ID}`).length).toBeGreaterThan(1));
    expect(screen.queryByText(/being written in another window/)).not.toBeInTheDocument();

    // The turn ends: the next answer carries the final counts.
    setConversation({ busy: false, messageCount: 4 });
    expect(await screen.findByText(/4 messages/)).toBeInTheDocument();
    expect(screen.queryByText(/being written in another window/)).not.toBeInTheDocument();
    await waitFor(() => expect(composer).toBeEnabled());
  });

  it('shows a tool call as a collapsible card that follows the call to its result', async () => {
    const { user, stream, composer } = await openWithStream();
    await user.type(composer, 'Ask the researcher{Enter}');
    stream.send(
      events.started(userMessage('Ask the researcher')),
      events.toolCall('call-1', 'ask_researcher', { question: 'What changed in March?' }),
    );

    const card = await screen.findByRole('button', { name: /ask_researcher/ });
    expect(card).toHaveTextContent('Running');
    expect(card).toHaveTextContent('What changed in March?');
    expect(card).toHaveAttribute('aria-expanded', 'false');

    stream.send(events.toolResult('call-1', 'ask_researcher', 'Prices went up by 3%.'));
    await waitFor(() => expect(card).toHaveTextContent('Done'));
    await user.click(card);
    expect(card).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Prices went up by 3%.')).toBeInTheDocument();
    expect(screen.getByText(/"question": "What changed in March\?"/)).toBeInTheDocument();
  });

  it('shows a failed turn clearly and keeps what was written before the failure', async () => {
    const { user, stream, composer } = await openWithStream();
    await user.type(composer, 'Research everything{Enter}');
    const error = { code: 'budget_exceeded', message: 'This task would cost more than its $0.01 budget.' };
    stream.send(
      events.started(userMessage('Research everything')),
      events.delta('Here is a start'),
      events.failed(error, assistantMessage('Here is a start', { status: 'failed', error })),
    );
    stream.close();

    const alert = await within(await waitFor(lastReply)).findByRole('alert');
    expect(alert).toHaveTextContent('Budget exceeded');
    expect(alert).toHaveTextContent('This task would cost more than its $0.01 budget.');
    expect(alert).toHaveTextContent('The partial reply above is kept.');
    expect(within(lastReply()).getByText('Here is a start')).toBeInTheDocument();
    await waitFor(() => expect(composer).toBeEnabled());
  });

  it('reports a stream that ends without the turn finishing', async () => {
    const { user, stream, composer } = await openWithStream();
    await user.type(composer, 'Hi{Enter}');
    stream.send(events.started(userMessage('Hi')), events.delta('Hal'));
    stream.close();

    expect(await within(await waitFor(lastReply)).findByRole('alert')).toHaveTextContent('The connection was lost');
  });

  it('notes retries and a fallback under the reply', async () => {
    const { user, stream, composer } = await openWithStream();
    await user.type(composer, 'Hi{Enter}');
    const reply = assistantMessage('Hi there', { provider: 'openai', model: 'gpt-4o-mini', mock: false });
    stream.send(
      events.started(userMessage('Hi')),
      events.llmCall({ provider: 'openai', model: 'gpt-4o', outcome: 'error', errorClass: 'rate_limited', costUsd: 0 }),
      events.llmCall({ provider: 'openai', model: 'gpt-4o-mini', fallback: true }),
      events.delta('Hi there'),
      events.completed(reply),
    );
    stream.close();

    expect(
      await within(await waitFor(lastReply)).findByText('retried 429 ×1, served by fallback gpt-4o-mini'),
    ).toBeInTheDocument();
    expect(within(lastReply()).getByText('openai/gpt-4o-mini')).toBeInTheDocument();
    expect(within(lastReply()).queryByText('Mock')).not.toBeInTheDocument();
  });

  it('keeps the draft and explains when the server refuses the message', async () => {
    const server = serveChat();
    server.reply(() =>
      problem(
        { title: 'Conflict', code: 'conversation_busy', detail: 'A reply is already being written in this conversation.' },
        409,
      ),
    );
    const { user } = renderApp(conversationPath);
    const composer = await screen.findByRole('textbox', { name: 'Message' });

    await user.type(composer, 'Are you there?{Enter}');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Another reply is being written');
    expect(alert).toHaveTextContent('A reply is already being written in this conversation.');
    expect(composer).toHaveValue('Are you there?');
    expect(screen.queryByRole('article', { name: 'Your message' })).not.toBeInTheDocument();
  });
});

describe('chat history', () => {
  it('reads the newest page first, in order, and earlier pages on request', async () => {
    const history = Array.from({ length: 60 }, (_, index) =>
      index % 2 === 0 ? userMessage(`Question ${index}`) : assistantMessage(`Answer ${index}`),
    );
    const server = serveChat({ messages: { [CONVERSATION_ID]: history }, messagePageSize: 25 });
    const { user } = renderApp(conversationPath);

    expect(await screen.findByText('Answer 59')).toBeInTheDocument();
    const reads = () => server.requestsTo('GET', sendPath).map((request) => request.url.searchParams);
    expect(reads().map((params) => [params.get('order'), params.get('cursor')])).toEqual([['desc', null]]);
    // Oldest of the page at the top, newest at the bottom.
    const shown = screen.getAllByText(/^(Question|Answer) \d+$/).map((element) => element.textContent);
    expect(shown[0]).toBe('Answer 35');
    expect(shown.at(-1)).toBe('Answer 59');
    expect(screen.queryByText('Question 34')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show earlier messages (35 more)' }));
    expect(await screen.findByText('Question 10')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show earlier messages (10 more)' }));
    expect(await screen.findByText('Question 0')).toBeInTheDocument();
    expect(reads().map((params) => params.get('cursor'))).toEqual([null, '25', '50']);
    expect(screen.queryByRole('button', { name: /Show earlier messages/ })).not.toBeInTheDocument();
  });

  it('shows how stored replies ended: failed with their error, stopped, or from the mock model', async () => {
    serveChat({
      messages: {
        [CONVERSATION_ID]: [
          userMessage('Loop forever'),
          assistantMessage('Step 1… step 2…', {
            status: 'failed',
            mock: false,
            error: { code: 'max_iterations', message: 'The agent used all 10 tool-loop iterations.' },
          }),
          userMessage('Never mind'),
          assistantMessage('Sure, I', { status: 'cancelled' }),
        ],
      },
    });
    renderApp(conversationPath);

    await screen.findByText('Sure, I');
    const [failed, stopped] = replies();
    if (!failed || !stopped) throw new Error('replies missing');
    expect(within(failed).getByRole('alert')).toHaveTextContent('Stopped at the iteration limit');
    expect(within(failed).queryByText('Mock')).not.toBeInTheDocument();
    expect(within(stopped).getByText(/Stopped before the reply finished/)).toBeInTheDocument();
    expect(within(stopped).getByText('Mock')).toBeInTheDocument();
  });
});
