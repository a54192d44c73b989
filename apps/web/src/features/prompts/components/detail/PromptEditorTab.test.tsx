import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, type RecordedRequest } from '../../../../test/mock-fetch';
import { makeDetail } from '../../test/prompt-fixtures';
import { renderPrompts, servePrompts, setEditorText } from '../../test/render-prompts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function serveTemplate(role: 'owner' | 'viewer' = 'owner') {
  let detail = makeDetail({ name: 'greeting', latestVersion: 2 }, { commitMessage: 'Warmer' });
  return servePrompts((request) => {
    const path = request.url.pathname;
    if (path === '/api/v1/prompts/analyze') return json({ diagnostics: [] });
    if (path === '/api/v1/prompts/preview') {
      const { variables } = request.body as { variables: Record<string, string> };
      return json({ version: 0, type: 'text', text: `Hi ${variables['name'] ?? 'there'}`, includes: [], tokens: 2 });
    }
    if (path === '/api/v1/prompts/greeting/versions' && request.method === 'POST') {
      const body = request.body as { source: { type: 'text'; body: string }; commitMessage: string };
      detail = makeDetail({ name: 'greeting', latestVersion: 3 }, { source: body.source, commitMessage: body.commitMessage });
      return json(detail, { status: 201 });
    }
    if (path === '/api/v1/prompts/greeting') return json(detail);
    return json({});
  }, role);
}

const saves = (requests: RecordedRequest[]) =>
  requests.filter((request) => request.method === 'POST' && request.url.pathname.endsWith('/versions'));

// Whole-page tests of the editor (the code editor, live analysis and preview): slower than the 5 s default allows under load.
describe('PromptEditorTab', { timeout: 15_000 }, () => {
  it('saves the edited draft as the next version and shows its number', async () => {
    const { requests } = serveTemplate();
    const { user } = renderPrompts('/prompts/greeting');

    const template = await screen.findByLabelText('Template');
    expect(template).toHaveValue('Hello {{ name }}');
    expect(screen.getByText(/Editing from version 2/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save version' })).toBeDisabled();

    setEditorText(template, 'Hi {{ name }}');
    await user.type(screen.getByLabelText('Commit message'), 'Shorter greeting');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save version' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Save version' }));

    // Told twice: by a toast, and beside the save button until the next edit.
    expect(await screen.findAllByText('Version 3 saved')).toHaveLength(2);
    expect(saves(requests)[0]?.body).toEqual({
      source: { type: 'text', body: 'Hi {{ name }}' },
      variables: [{ name: 'name', type: 'string', required: true }],
      config: {},
      commitMessage: 'Shorter greeting',
    });
    expect(screen.getByText(/Editing from version 3/)).toBeInTheDocument();
    expect(screen.getByLabelText('Template')).toHaveValue('Hi {{ name }}');
    expect(screen.getByLabelText('Commit message')).toHaveValue('');
  });

  it('previews the draft live with sample values', async () => {
    const { requests } = serveTemplate();
    const { user } = renderPrompts('/prompts/greeting');

    await user.type(await screen.findByLabelText('name'), 'Ada');
    expect(await screen.findByText('Hi Ada')).toBeInTheDocument();
    expect(screen.getByText('≈ 2 tokens')).toBeInTheDocument();
    const previews = requests.filter((request) => request.url.pathname === '/api/v1/prompts/preview');
    expect(previews.at(-1)?.body).toEqual({
      source: { type: 'text', body: 'Hello {{ name }}' },
      declarations: [{ name: 'name', type: 'string', required: true }],
      variables: { name: 'Ada' },
      name: 'greeting',
    });
  });

  it('is read-only for a role that may not save versions', async () => {
    serveTemplate('viewer');
    renderPrompts('/prompts/greeting');

    expect(await screen.findByText('Read only')).toBeInTheDocument();
    // Nothing promises a save the role cannot make.
    expect(screen.queryByText(/Saving creates version/)).not.toBeInTheDocument();
    expect(await screen.findByLabelText('Template')).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Save version' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add variable' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit details' })).not.toBeInTheDocument();
  });
});
