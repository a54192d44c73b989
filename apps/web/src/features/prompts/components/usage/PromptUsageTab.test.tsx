import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, problem } from '../../../../test/mock-fetch';
import { makeDetail } from '../../test/prompt-fixtures';
import { renderPrompts, servePrompts } from '../../test/render-prompts';

afterEach(() => {
  vi.unstubAllGlobals();
});

const AGENT_ID = '0b7e3f5c-6f2a-4c1e-9a57-2f1d4c8b9e01';

function serveUsage(items: unknown[], onDelete: () => Response) {
  return servePrompts((request) => {
    const path = request.url.pathname;
    if (path === '/api/v1/prompts/greeting' && request.method === 'DELETE') return onDelete();
    if (path === '/api/v1/prompts/greeting') return json(makeDetail({ name: 'greeting' }));
    if (path === '/api/v1/prompts/greeting/usage') return json({ items });
    if (path === '/api/v1/prompts') return json({ items: [], nextCursor: null, total: 0 });
    return json({});
  });
}

describe('PromptUsageTab', () => {
  it('lists the agents using the template with their reference, linking to each', async () => {
    serveUsage(
      [{ kind: 'agent', id: AGENT_ID, name: 'Helper', ref: 'greeting@production' }],
      () => new Response(null, { status: 204 }),
    );
    const { user, router } = renderPrompts('/prompts/greeting/usage');

    const table = await screen.findByRole('table', { name: 'Used by' });
    expect(within(table).getByText('greeting@production')).toBeInTheDocument();
    await user.click(within(table).getByRole('link', { name: 'Helper' }));
    expect(router.state.location.pathname).toBe(`/agents/${AGENT_ID}`);
  });

  it('explains a refused delete while the template is in use', async () => {
    serveUsage([{ kind: 'agent', id: AGENT_ID, name: 'Helper', ref: 'greeting@latest' }], () =>
      problem({ title: 'Conflict', code: 'prompt_in_use', detail: 'greeting is used by agent "Helper"; change them first' }, 409),
    );
    const { user, router } = renderPrompts('/prompts/greeting/usage');

    await user.click(await screen.findByRole('button', { name: 'Delete prompt' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('One agent uses this prompt, so the server will refuse.');
    await user.click(within(dialog).getByRole('button', { name: 'Delete prompt' }));

    expect(await within(dialog).findByText('greeting is used by agent "Helper"; change them first')).toBeInTheDocument();
    expect(dialog).toHaveTextContent('It is still in use');
    expect(router.state.location.pathname).toBe('/prompts/greeting/usage');
  });

  it('deletes an unused template after confirmation and returns to the library', async () => {
    serveUsage([], () => new Response(null, { status: 204 }));
    const { user, router } = renderPrompts('/prompts/greeting/usage');

    expect(await screen.findByText('Not used yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete prompt' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete prompt' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/prompts'));
    expect(await screen.findByText('Prompt deleted')).toBeInTheDocument();
  });
});
