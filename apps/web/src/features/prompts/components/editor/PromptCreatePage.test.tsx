import type { Diagnostic } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, problem, type RecordedRequest } from '../../../../test/mock-fetch';
import { makeDetail, textResult } from '../../test/prompt-fixtures';
import { fill, renderPrompts, servePrompts, setEditorText } from '../../test/render-prompts';

afterEach(() => {
  vi.unstubAllGlobals();
});

interface AnalyzeBody {
  source: { type: string; body?: string; messages?: { role: string; content: string }[] };
  variables: { name: string }[];
}

/** Reports `who` as undeclared until it is declared, like the real analysis. */
function analyze(body: AnalyzeBody): Diagnostic[] {
  const declared = body.variables.map((variable) => variable.name);
  const chatIndex = body.source.messages?.findIndex((message) => message.content.includes('{{ question }}')) ?? -1;
  if (chatIndex >= 0 && !declared.includes('question')) {
    return [
      {
        severity: 'error',
        code: 'undeclared_variable',
        message: 'Variable "question" is not declared',
        line: 1,
        column: 4,
        messageIndex: chatIndex,
        variable: 'question',
      },
    ];
  }
  return body.source.body?.includes('{{ who }}') && !declared.includes('who')
    ? [
        {
          severity: 'error',
          code: 'undeclared_variable',
          message: 'Variable "who" is not declared',
          line: 2,
          column: 10,
          variable: 'who',
        },
      ]
    : [];
}

function serveEditor(
  onCreate: (request: RecordedRequest) => Response = () => json(makeDetail({ name: 'greeting' }), { status: 201 }),
) {
  return servePrompts((request) => {
    const path = request.url.pathname;
    if (path === '/api/v1/prompts/analyze') return json({ diagnostics: analyze(request.body as AnalyzeBody) });
    if (path === '/api/v1/prompts/preview') return json(textResult('Hello'));
    if (path === '/api/v1/prompts' && request.method === 'POST') return onCreate(request);
    if (path.startsWith('/api/v1/prompts/greeting')) return json(makeDetail({ name: 'greeting' }));
    return json({});
  });
}

const analyzeRequests = (requests: RecordedRequest[]) =>
  requests.filter((request) => request.url.pathname === '/api/v1/prompts/analyze');

// Whole-page tests of the largest form (the code editor, live analysis and preview): slower than the 5 s default allows under load.
/** The text the code editor of `area` underlines as an error. */
const marked = (area: HTMLElement) => area.closest('[data-code-editor]')?.querySelector('[data-diagnostic="error"]') ?? null;

describe('PromptCreatePage', { timeout: 15_000 }, () => {
  it('shows live diagnostics as markers and in the list, and blocks saving while there are errors', async () => {
    const { requests } = serveEditor();
    const { user } = renderPrompts('/prompts/new');

    const template = await screen.findByLabelText('Template');
    setEditorText(template, 'Hi,\nHello {{ who }}');

    const problems = await screen.findByRole('region', { name: 'Problems' });
    expect(await within(problems).findByText('Variable "who" is not declared')).toBeInTheDocument();
    expect(within(problems).getByText('2:10')).toBeInTheDocument();
    expect(within(problems).getByRole('status')).toHaveTextContent('1 error');
    expect(screen.getByRole('button', { name: 'Create prompt' })).toBeDisabled();
    expect(screen.getByText('Fix the errors in the template to save')).toBeInTheDocument();
    // The lint marker covers "who" on line 2, column 10 of the editor.
    await waitFor(() => expect(marked(template)).toHaveTextContent('who'));
    // One request for the finished text, not one per change.
    expect(analyzeRequests(requests).at(-1)?.body).toMatchObject({ source: { type: 'text', body: 'Hi,\nHello {{ who }}' } });

    await user.click(within(problems).getByRole('button', { name: 'Declare who' }));
    expect(await screen.findByLabelText('Variable name')).toHaveValue('who');
    await waitFor(() => expect(within(problems).getByRole('status')).toHaveTextContent('No problems found'));
    expect(screen.getByRole('button', { name: 'Create prompt' })).toBeEnabled();
    // The editor takes the new diagnostics in a transaction of its own, after the list has them.
    await waitFor(() => expect(marked(template)).toBeNull());
  });

  it('creates the prompt with its metadata, declarations and commit message', async () => {
    const { requests } = serveEditor();
    const { user, router } = renderPrompts('/prompts/new');

    await fill(user, await screen.findByLabelText('Name'), 'greeting');
    await fill(user, screen.getByLabelText('Category'), 'support/triage');
    await fill(user, screen.getByLabelText('Tags'), 'Email, tone');
    setEditorText(screen.getByLabelText('Template'), 'Hello {{ who }}');
    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    await fill(user, screen.getByLabelText('Variable name'), 'who');
    await user.click(screen.getByLabelText('Required'));
    await fill(user, screen.getByLabelText('Commit message'), 'First draft');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Create prompt' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Create prompt' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/prompts/greeting'));
    const created = requests.find((request) => request.url.pathname === '/api/v1/prompts' && request.method === 'POST');
    expect(created?.body).toEqual({
      name: 'greeting',
      category: 'support/triage',
      tags: ['email', 'tone'],
      description: '',
      source: { type: 'text', body: 'Hello {{ who }}' },
      variables: [{ name: 'who', type: 'string', required: true }],
      config: {},
      commitMessage: 'First draft',
    });
  });

  it('shows a taken name beside the Name field', async () => {
    serveEditor(() => problem({ title: 'Name taken', code: 'name_taken', detail: 'A prompt named greeting exists' }, 409));
    const { user, router } = renderPrompts('/prompts/new');

    await fill(user, await screen.findByLabelText('Name'), 'greeting');
    setEditorText(screen.getByLabelText('Template'), 'Hello');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Create prompt' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Create prompt' }));

    expect(await screen.findByText('A prompt named greeting exists')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Name')).toHaveFocus();
    expect(router.state.location.pathname).toBe('/prompts/new');
  });

  it('writes chat templates as role-tagged messages, each with its own editor and markers', async () => {
    const { requests } = serveEditor();
    const { user } = renderPrompts('/prompts/new');

    await fill(user, await screen.findByLabelText('Name'), 'greeting');
    setEditorText(screen.getByLabelText('Template'), 'You are kind.');
    await user.click(screen.getByLabelText('Chat'));
    // The text becomes the system message, and a user message follows.
    expect(screen.getByLabelText('Message 1')).toHaveValue('You are kind.');
    expect(screen.getByLabelText('Role of message 1')).toHaveValue('system');
    expect(screen.getByLabelText('Role of message 2')).toHaveValue('user');

    setEditorText(screen.getByLabelText('Message 2'), 'Q: {{ question }}');
    const problems = screen.getByRole('region', { name: 'Problems' });
    expect(await within(problems).findByText('Message 2, 1:4')).toBeInTheDocument();
    await waitFor(() => expect(marked(screen.getByLabelText('Message 2'))).toHaveTextContent('{{ question }}'));

    await user.click(within(problems).getByRole('button', { name: 'Declare question' }));
    await user.click(screen.getByRole('button', { name: 'Add message' }));
    await user.selectOptions(screen.getByLabelText('Role of message 3'), 'assistant');
    await user.click(screen.getByRole('button', { name: 'Move message 3 up' }));
    setEditorText(screen.getByLabelText('Message 2'), 'Sure.');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Create prompt' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Create prompt' }));

    await waitFor(() =>
      expect(requests.some((request) => request.url.pathname === '/api/v1/prompts' && request.method === 'POST')).toBe(true),
    );
    const created = requests.find((request) => request.url.pathname === '/api/v1/prompts' && request.method === 'POST');
    expect(created?.body).toMatchObject({
      source: {
        type: 'chat',
        messages: [
          { role: 'system', content: 'You are kind.' },
          { role: 'assistant', content: 'Sure.' },
          { role: 'user', content: 'Q: {{ question }}' },
        ],
      },
      variables: [{ name: 'question', type: 'string', required: true }],
    });
  });
});
