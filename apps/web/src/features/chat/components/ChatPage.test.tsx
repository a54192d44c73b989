import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../../test/render-app';
import { agent, assistantMessage, CONVERSATION_ID, makeConversation, userMessage } from '../test/chat-fixtures';
import { serveChat } from '../test/serve-chat';

afterEach(() => {
  vi.unstubAllGlobals();
});

const chatPath = `/agents/${agent.id}/chat`;
const conversationPath = `${chatPath}/${CONVERSATION_ID}`;
const older = makeConversation({
  id: '8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f',
  title: 'Refund policy',
  messageCount: 6,
  costUsd: 0.0421,
  lastMessageAt: '2026-02-20T09:00:00.000Z',
});

const list = () => screen.findByRole('navigation', { name: 'Conversations' });

describe('chat conversations', () => {
  it("lists the agent's conversations in the server's order with their counts and cost", async () => {
    serveChat({ conversations: [makeConversation(), older] });
    renderApp(chatPath);

    const links = within(await list()).findAllByRole('link');
    expect((await links).map((link) => link.querySelector('span')?.textContent)).toEqual(['Parcel question', 'Refund policy']);
    expect(within(await list()).getByText('2 conversations')).toBeInTheDocument();
    expect(within(await list()).getByRole('link', { name: /Refund policy/ })).toHaveTextContent('6 messages · $0.0421');
    expect(screen.getByRole('heading', { name: `Chat with ${agent.name}` })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('navigation', { name: 'Breadcrumb' })).toHaveTextContent(`Agents${agent.name}Chat`),
    );
  });

  it('shows an empty list and starts the first conversation, then opens it', async () => {
    const server = serveChat({ conversations: [] });
    const { user, router } = renderApp(chatPath);

    expect(await within(await list()).findByText('No conversations yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New conversation' }));

    await waitFor(() => expect(router.state.location.pathname).toMatch(new RegExp(`^${chatPath}/[0-9a-f-]{36}$`)));
    expect(server.requestsTo('POST', '/api/v1/conversations')[0]?.body).toEqual({ agentId: agent.id });
    // The navigation renders in a transition, which may commit after the refetched list shows the new link.
    const created = await within(await list()).findByRole('link', { name: /New conversation/ });
    await waitFor(() => expect(created).toHaveAttribute('aria-current', 'page'));
    expect(await screen.findByText('No messages yet')).toBeInTheDocument();
    // The crumb's component loads with the chat's chunk: "Conversation" until then.
    await waitFor(() => expect(screen.getByRole('navigation', { name: 'Breadcrumb' })).toHaveTextContent('ChatNew conversation'));
  });

  it('reuses an empty conversation for New instead of leaving another one behind', async () => {
    const empty = makeConversation({ id: '6f5e4d3c-2b1a-4c9d-8e7f-6a5b4c3d2e1f', title: 'New conversation', messageCount: 0 });
    const server = serveChat({ conversations: [empty, makeConversation()] });
    const { user, router } = renderApp(`${chatPath}/${CONVERSATION_ID}`);

    await within(await list()).findByRole('link', { name: /Parcel question/ });
    await user.click(screen.getByRole('button', { name: 'New conversation' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`${chatPath}/${empty.id}`));
    expect(server.requestsTo('POST', '/api/v1/conversations')).toEqual([]);
  });

  it('renames a conversation in place; Escape cancels without a request', async () => {
    const server = serveChat();
    const { user } = renderApp(chatPath);
    const conversations = await list();

    await user.click(await within(conversations).findByRole('button', { name: 'Rename' }));
    await user.keyboard('{Escape}');
    expect(within(conversations).getByRole('link', { name: /Parcel question/ })).toBeInTheDocument();
    expect(server.requestsTo('PATCH', /conversations/)).toHaveLength(0);

    await user.click(within(conversations).getByRole('button', { name: 'Rename' }));
    const title = within(conversations).getByRole('textbox', { name: 'Conversation title' });
    expect(title).toHaveFocus();
    await user.clear(title);
    await user.type(title, 'Lost parcel{Enter}');

    expect(await within(conversations).findByRole('link', { name: /Lost parcel/ })).toBeInTheDocument();
    expect(server.requestsTo('PATCH', `/api/v1/conversations/${CONVERSATION_ID}`).map((request) => request.body)).toEqual([
      { title: 'Lost parcel' },
    ]);
  });

  it('deletes the open conversation after confirmation and returns to the list', async () => {
    const server = serveChat({ conversations: [makeConversation(), older] });
    const { user, router } = renderApp(conversationPath);
    const conversations = await list();

    const row = (await within(conversations).findByRole('link', { name: /Parcel question/ })).closest('li');
    if (!row) throw new Error('no row');
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Parcel question”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete conversation' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(chatPath));
    expect(server.requestsTo('DELETE', `/api/v1/conversations/${CONVERSATION_ID}`)).toHaveLength(1);
    await waitFor(() => expect(within(conversations).queryByRole('link', { name: /Parcel question/ })).not.toBeInTheDocument());
    expect(within(conversations).getByRole('link', { name: /Refund policy/ })).toBeInTheDocument();
  });

  it('keeps the conversation when the deletion is cancelled', async () => {
    const server = serveChat();
    const { user } = renderApp(chatPath);

    await user.click(await within(await list()).findByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(server.requestsTo('DELETE', /conversations/)).toHaveLength(0);
  });

  it('says so when a conversation does not exist', async () => {
    serveChat({ conversations: [] });
    renderApp(`${chatPath}/9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a`);
    expect(await screen.findByText('Conversation not found')).toBeInTheDocument();
  });
});

describe('chat for a viewer', () => {
  it('reads the history but gets no composer, New, Rename or Delete', async () => {
    serveChat({
      role: 'viewer',
      messages: { [CONVERSATION_ID]: [userMessage('Where is my parcel?'), assistantMessage('It ships today.')] },
    });
    renderApp(conversationPath);

    expect(await screen.findByText('It ships today.')).toBeInTheDocument();
    expect(screen.getByText('Where is my parcel?')).toBeInTheDocument();
    expect(screen.getByText('Your role can read this conversation but not send messages.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Message' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New conversation' })).not.toBeInTheDocument();
    expect(within(await list()).queryByRole('button', { name: 'Rename' })).not.toBeInTheDocument();
    expect(within(await list()).queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
  });
});
