import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, problem, type RecordedRequest } from '../../../../test/mock-fetch';
import { LIVE_DELAY_MS } from '../../hooks/useDebouncedQuery';
import { makeDetail, makeVersion } from '../../test/prompt-fixtures';
import { renderPrompts, servePrompts } from '../../test/render-prompts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const VERSION_1 = makeVersion({
  version: 1,
  labels: ['production'],
  variables: [
    { name: 'name', type: 'string', required: true },
    { name: 'tone', type: 'enum', required: false, options: ['formal', 'casual'], default: 'formal' },
    { name: 'vip', type: 'boolean', required: false, default: false },
    { name: 'count', type: 'number', required: false },
    { name: 'items', type: 'list', required: false },
  ],
});
const VERSION_2 = makeVersion({ version: 2, labels: ['latest'], variables: [], source: { type: 'text', body: 'Static' } });

function servePlayground() {
  return servePrompts((request) => {
    const path = request.url.pathname;
    if (path === '/api/v1/prompts/greeting')
      return json(makeDetail({ name: 'greeting', latestVersion: 2, labels: { latest: 2, production: 1 } }));
    if (path === '/api/v1/prompts/greeting/versions') return json({ items: [VERSION_1, VERSION_2] });
    if (path === '/api/v1/prompts/greeting/versions/production' || path === '/api/v1/prompts/greeting/versions/1')
      return json(VERSION_1);
    if (path === '/api/v1/prompts/greeting/versions/2') return json(VERSION_2);
    if (path === '/api/v1/prompts/greeting/render') {
      const body = request.body as { selector: number; variables: Record<string, unknown> };
      if (body.selector === 2) return json({ version: 2, type: 'text', text: 'Static', includes: [], tokens: 1 });
      if (typeof body.variables['name'] !== 'string') {
        return problem(
          {
            title: 'Invalid variables',
            code: 'validation_failed',
            errors: [{ path: 'variables.name', message: 'is required', code: 'invalid_variable' }],
          },
          400,
        );
      }
      return json({
        version: 1,
        type: 'chat',
        messages: [
          { role: 'system', content: `Be ${String(body.variables['tone'] ?? 'formal')}` },
          { role: 'user', content: `Dear ${String(body.variables['name'])}` },
        ],
        includes: [{ name: 'footer', version: 3 }],
        tokens: 12,
      });
    }
    return json({});
  });
}

const renders = (requests: RecordedRequest[]) => requests.filter((request) => request.url.pathname.endsWith('/render'));

describe('PromptPlaygroundTab', () => {
  it('builds a form from the declared variables and renders the output live with a token estimate', async () => {
    const { requests } = servePlayground();
    const { user } = renderPrompts('/prompts/greeting/playground');

    expect(await screen.findByRole('heading', { name: 'Playground' })).toBeInTheDocument();
    // Production is the default choice when the template has it.
    expect(screen.getByLabelText('Version')).toHaveValue('production');
    const name = await screen.findByLabelText('name');
    expect(name.tagName).toBe('TEXTAREA');
    expect(screen.getByLabelText('tone')).toHaveRole('combobox');
    expect(
      within(screen.getByLabelText('tone'))
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Use the default', 'formal', 'casual']);
    expect(screen.getByLabelText('vip')).toHaveRole('checkbox');
    expect(screen.getByLabelText('count')).toHaveAttribute('inputmode', 'decimal');
    expect(screen.getByLabelText('items').tagName).toBe('TEXTAREA');

    // A required variable nobody has touched yet is something to fill in, not an error.
    const output = screen.getByRole('region', { name: 'Rendered output' });
    expect(await within(output).findByText(/to see the output/)).toHaveTextContent('Fill in name to see the output.');
    expect(name).not.toHaveAttribute('aria-invalid');

    await user.type(name, 'Ada');
    await user.selectOptions(screen.getByLabelText('tone'), 'casual');
    await user.click(screen.getByLabelText('vip'));
    expect(await within(output).findByText('Dear Ada')).toBeInTheDocument();
    expect(within(output).getByText('Be casual')).toBeInTheDocument();
    expect(within(output).getByText('≈ 12 tokens')).toBeInTheDocument();
    expect(within(output).getByText('footer@3')).toBeInTheDocument();
    // Rendered by number, so the form and the output always describe the same version.
    expect(renders(requests).at(-1)?.body).toEqual({ selector: 1, variables: { name: 'Ada', tone: 'casual', vip: true } });

    // Once touched, the server's problem with a variable shows beside its field.
    await user.clear(name);
    expect(await screen.findByText('Required')).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
  });

  it('checks typed values before sending, and follows the chosen version', async () => {
    // The clock moves on by itself (so the app and user-event run as usual) and is jumped past the
    // typing pause, proving that nothing waits to be sent without sleeping for it.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { requests } = servePlayground();
    const { user, router } = renderPrompts('/prompts/greeting/playground');

    await user.type(await screen.findByLabelText('name'), 'Ada');
    await user.type(screen.getByLabelText('count'), 'three');
    await user.click(screen.getByLabelText('items'));
    await user.paste('{"not": "a list"}');
    expect(screen.getByText('Enter a number')).toBeInTheDocument();
    expect(screen.getByText('Enter a JSON list, e.g. ["a", "b"]')).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(LIVE_DELAY_MS * 2));
    expect(renders(requests).every((request) => !('count' in (request.body as { variables: object }).variables))).toBe(true);

    // Once the value is a number, the same pause sends it.
    await user.clear(screen.getByLabelText('items'));
    await user.clear(screen.getByLabelText('count'));
    await user.type(screen.getByLabelText('count'), '3');
    await act(() => vi.advanceTimersByTimeAsync(LIVE_DELAY_MS * 2));
    await vi.waitFor(() => expect(renders(requests).at(-1)?.body).toMatchObject({ variables: { name: 'Ada', count: 3 } }));

    await user.selectOptions(screen.getByLabelText('Version'), '2');
    expect(router.state.location.search).toBe('?version=2');
    expect(await screen.findByText('No variables are declared: the output is always the same.')).toBeInTheDocument();
    const output = screen.getByRole('region', { name: 'Rendered output' });
    expect(await within(output).findByText('Static')).toBeInTheDocument();
    expect(within(output).getByText('≈ 1 token')).toBeInTheDocument();
  });
});
