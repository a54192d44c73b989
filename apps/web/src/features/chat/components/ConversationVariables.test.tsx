import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, problem, type RecordedRequest } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';
import { makeVersion } from '../../prompts/test/prompt-fixtures';
import type { VariableDeclaration } from '../../prompts/types';
import { agent, CONVERSATION_ID, makeConversation, templateAgent } from '../test/chat-fixtures';
import { serveChat, type ChatServerOptions } from '../test/serve-chat';

afterEach(() => {
  vi.unstubAllGlobals();
});

const conversationPath = `/agents/${agent.id}/chat/${CONVERSATION_ID}`;
const updatePath = `/api/v1/conversations/${CONVERSATION_ID}`;
const versionPath = '/api/v1/prompts/support-reply/versions/production';

const declarations: VariableDeclaration[] = [
  { name: 'customer', type: 'string', required: true, description: 'Who is writing in' },
  { name: 'tier', type: 'number', required: true, default: 1 },
  { name: 'vip', type: 'boolean', required: false },
  { name: 'plan', type: 'enum', required: false, options: ['basic', 'pro'] },
  { name: 'tags', type: 'list', required: false },
];

/** The template's production version, as the registry answers it; anything else is not found. */
const serveTemplate = (request: RecordedRequest) =>
  request.url.pathname === versionPath
    ? json(makeVersion({ version: 3, variables: declarations, labels: ['production'] }))
    : problem({ title: 'Not found', code: 'not_found' }, 404);

const forbidden = () => problem({ title: 'Forbidden', code: 'forbidden', detail: 'Missing permission prompts:read' }, 403);

/** Opens a conversation with the template agent and its variables dialog. */
async function openVariables(options: ChatServerOptions = {}) {
  const server = serveChat({ agent: templateAgent, prompts: serveTemplate, ...options });
  const view = renderApp(conversationPath);
  await view.user.click(await screen.findByRole('button', { name: /^Variables/ }));
  const dialog = await screen.findByRole('dialog', { name: 'Prompt variables' });
  return { ...view, server, dialog };
}

const updates = (server: ReturnType<typeof serveChat>) => server.requestsTo('PATCH', updatePath).map((request) => request.body);

describe('conversation variables', () => {
  it("saves typed values for the template's declared variables, after catching a required one left empty", async () => {
    const { user, server, dialog } = await openVariables();

    const customer = await within(dialog).findByRole('textbox', { name: 'customer' });
    expect(within(dialog).getByText(/version 3/)).toBeInTheDocument();
    expect(within(dialog).getByText('Who is writing in')).toBeInTheDocument();
    const tier = within(dialog).getByRole('textbox', { name: 'tier' });
    expect(tier).toHaveAttribute('placeholder', '1');
    expect(customer).toHaveAttribute('aria-required', 'true');
    expect(tier).not.toHaveAttribute('aria-required');

    await user.click(within(dialog).getByRole('button', { name: 'Save variables' }));
    expect(customer).toHaveAttribute('aria-invalid', 'true');
    expect(customer).toHaveAccessibleDescription(/Required/);
    expect(customer).toHaveFocus();
    expect(updates(server)).toHaveLength(0);

    await user.type(customer, 'ACME');
    await user.type(tier, '2');
    await user.click(within(dialog).getByRole('checkbox', { name: 'vip' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save variables' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(updates(server)).toEqual([{ variables: { customer: 'ACME', tier: 2, vip: true } }]);
    expect(server.requestsTo('GET', versionPath)).toHaveLength(1);
    expect(await screen.findByRole('button', { name: 'Variables (3 set)' })).toBeInTheDocument();
  });

  it('starts from the stored values and keeps those the template does not declare', async () => {
    const { user, server, dialog } = await openVariables({
      conversations: [makeConversation({ variables: { customer: 'Globex', plan: 'pro', tags: ['vip'], legacy: 'x' } })],
    });

    const customer = await within(dialog).findByRole('textbox', { name: 'customer' });
    expect(customer).toHaveValue('Globex');
    expect(within(dialog).getByRole('combobox', { name: 'plan' })).toHaveValue('pro');
    expect(within(dialog).getByRole('textbox', { name: 'tags' })).toHaveValue('[\n  "vip"\n]');
    expect(within(dialog).getByText(/does not declare them: legacy/)).toBeInTheDocument();

    await user.clear(customer);
    await user.type(customer, 'Initech');
    await user.clear(within(dialog).getByRole('textbox', { name: 'tags' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save variables' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(updates(server)).toEqual([{ variables: { customer: 'Initech', plan: 'pro', vip: false, legacy: 'x' } }]);
  });

  it("shows the server's refusal beside the field it names, and the rest as a banner", async () => {
    const { user, server, dialog } = await openVariables({
      conversations: [makeConversation({ variables: { customer: 'ACME' } })],
    });
    server.refuseUpdate(() =>
      problem(
        {
          title: 'Validation failed',
          code: 'validation_failed',
          errors: [
            { path: 'variables.tier', message: 'must be at most 5', code: 'too_big' },
            { path: 'variables', message: 'Variables must be at most 64 KiB of JSON', code: 'custom' },
          ],
        },
        400,
      ),
    );

    await user.type(await within(dialog).findByRole('textbox', { name: 'tier' }), '9');
    await user.click(within(dialog).getByRole('button', { name: 'Save variables' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Variables must be at most 64 KiB of JSON');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('The variables were not saved');
    expect(within(dialog).getByRole('textbox', { name: 'tier' })).toHaveAccessibleDescription(/Must be at most 5/);
    expect(updates(server)).toEqual([{ variables: { customer: 'ACME', tier: 9, vip: false } }]);
    expect(screen.getByRole('dialog', { name: 'Prompt variables' })).toBeInTheDocument();
  });

  it('falls back to a JSON object when the template cannot be read, and sends nothing until it parses', async () => {
    const { user, server, dialog } = await openVariables({
      prompts: forbidden,
      conversations: [makeConversation({ variables: { customer: 'ACME' } })],
    });

    const editor = await within(dialog).findByRole('textbox', { name: 'Variables (JSON)' });
    expect(within(dialog).getByRole('status')).toHaveTextContent('Missing permission prompts:read');
    expect(editor).toHaveValue('{\n  "customer": "ACME"\n}');
    const save = within(dialog).getByRole('button', { name: 'Save variables' });

    await user.clear(editor);
    await user.paste('{"customer": ');
    await user.click(save);
    expect(editor).toHaveAccessibleDescription(/This is not valid JSON/);
    expect(editor).toHaveFocus();

    await user.clear(editor);
    await user.paste('["ACME"]');
    await user.click(save);
    expect(editor).toHaveAccessibleDescription(/Enter a JSON object/);
    expect(updates(server)).toHaveLength(0);

    await user.clear(editor);
    await user.paste('{"customer": "Globex", "tier": 2}');
    await user.click(save);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(updates(server)).toEqual([{ variables: { customer: 'Globex', tier: 2 } }]);
  });

  it('offers no Variables button for an agent whose system prompt is inline text', async () => {
    const server = serveChat({ prompts: serveTemplate });
    renderApp(conversationPath);

    expect(await screen.findByRole('heading', { name: 'Parcel question' })).toBeInTheDocument();
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Variables/ })).not.toBeInTheDocument();
    expect(server.requests.filter((request) => request.url.pathname.startsWith('/api/v1/prompts'))).toHaveLength(0);
  });

  it('lists the values read-only for a viewer, without reading the template', async () => {
    const { server, dialog } = await openVariables({
      role: 'viewer',
      conversations: [makeConversation({ variables: { customer: 'ACME', tier: 2 } })],
    });

    expect(within(dialog).getByText('customer').nextElementSibling).toHaveTextContent('ACME');
    expect(within(dialog).getByText('tier').nextElementSibling).toHaveTextContent('2');
    expect(within(dialog).queryByRole('textbox')).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Save variables' })).not.toBeInTheDocument();
    expect(server.requests.filter((request) => request.url.pathname.startsWith('/api/v1/prompts'))).toHaveLength(0);
  });
});

describe('a message refused for its variables', () => {
  const refusal = () =>
    problem(
      {
        title: 'Validation failed',
        code: 'validation_failed',
        detail:
          'The system prompt support-reply@production cannot be rendered: Some variables are missing or have the wrong type',
        errors: [{ path: 'variables.customer', message: 'is required', code: 'invalid_variable' }],
      },
      400,
    );

  it('offers "Set variables", which opens the dialog with the problem beside its field', async () => {
    const server = serveChat({ agent: templateAgent, prompts: serveTemplate });
    server.reply(refusal);
    const { user } = renderApp(conversationPath);
    const composer = await screen.findByRole('textbox', { name: 'Message' });

    await user.type(composer, 'Where is my parcel?{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The system prompt could not be rendered');
    expect(alert).toHaveTextContent('customer is required');
    await user.click(within(alert).getByRole('button', { name: 'Set variables' }));

    const dialog = await screen.findByRole('dialog', { name: 'Prompt variables' });
    const customer = await within(dialog).findByRole('textbox', { name: 'customer' });
    expect(customer).toHaveAccessibleDescription(/Required/);
    await user.type(customer, 'ACME');
    await user.click(within(dialog).getByRole('button', { name: 'Save variables' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(updates(server)).toEqual([{ variables: { customer: 'ACME', vip: false } }]);
    // The refusal is answered; the message waits in the composer to be sent again.
    expect(screen.queryByRole('button', { name: 'Set variables' })).not.toBeInTheDocument();
    expect(composer).toHaveValue('Where is my parcel?');
    expect(composer).toHaveFocus();
  });

  it('does not offer it when the refusal is about the message itself', async () => {
    const server = serveChat({ agent: templateAgent, prompts: serveTemplate });
    server.reply(() =>
      problem(
        {
          title: 'Validation failed',
          code: 'validation_failed',
          errors: [{ path: 'content', message: 'Message must be at most 100,000 characters', code: 'too_big' }],
        },
        400,
      ),
    );
    const { user } = renderApp(conversationPath);

    await user.type(await screen.findByRole('textbox', { name: 'Message' }), 'Hi{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Validation failed');
    expect(within(alert).queryByRole('button', { name: 'Set variables' })).not.toBeInTheDocument();
  });
});
