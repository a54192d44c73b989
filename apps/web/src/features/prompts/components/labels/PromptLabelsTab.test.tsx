import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, problem, type RecordedRequest } from '../../../../test/mock-fetch';
import { makeDetail, makePrompt } from '../../test/prompt-fixtures';
import { renderPrompts, servePrompts } from '../../test/render-prompts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** production is refused as if the role had lost prompts:manage since the page loaded. */
function serveLabels(role: 'owner' | 'editor' = 'owner') {
  let labels: Record<string, number> = { latest: 3, production: 2, staging: 1 };
  return servePrompts((request) => {
    const path = request.url.pathname;
    if (path === '/api/v1/prompts/greeting') return json(makeDetail({ name: 'greeting', latestVersion: 3, labels }));
    const label = /^\/api\/v1\/prompts\/greeting\/labels\/(.+)$/.exec(path)?.[1];
    if (label === 'production') {
      return problem(
        { title: 'Forbidden', code: 'forbidden', detail: 'Moving "production" needs the permission prompts:manage' },
        403,
      );
    }
    if (label && request.method === 'PUT') {
      labels = { ...labels, [label]: (request.body as { version: number }).version };
      return json(makePrompt({ name: 'greeting', latestVersion: 3, labels }));
    }
    if (label && request.method === 'DELETE') {
      labels = Object.fromEntries(Object.entries(labels).filter(([name]) => name !== label));
      return new Response(null, { status: 204 });
    }
    return json({});
  }, role);
}

const rowOf = async (label: string) => {
  const table = await screen.findByRole('table', { name: 'Labels' });
  return within(table).getByRole('row', { name: new RegExp(`^${label}`) });
};
const writes = (requests: RecordedRequest[]) =>
  requests.filter((request) => request.method === 'PUT' || request.method === 'DELETE');

describe('PromptLabelsTab', () => {
  it('moves a label with PUT and shows the new version', async () => {
    const { requests } = serveLabels();
    const { user } = renderPrompts('/prompts/greeting/labels');

    const staging = await rowOf('staging');
    expect(staging).toHaveTextContent('v1');
    expect(within(staging).getByRole('button', { name: 'Move label' })).toBeDisabled();
    await user.selectOptions(within(staging).getByLabelText('Version for staging'), '3');
    await user.click(within(staging).getByRole('button', { name: 'Move label' }));

    await waitFor(() => expect(writes(requests)[0]?.body).toEqual({ version: 3 }));
    expect(writes(requests)[0]?.url.pathname).toBe('/api/v1/prompts/greeting/labels/staging');
    expect(await screen.findByText('staging now points to version 3')).toBeInTheDocument();
    await waitFor(async () => expect(await rowOf('staging')).toHaveTextContent('v3'));
  });

  it('surfaces a 403 for the protected production label', async () => {
    const { requests } = serveLabels();
    const { user } = renderPrompts('/prompts/greeting/labels');

    const production = await rowOf('production');
    await user.selectOptions(within(production).getByLabelText('Version for production'), '3');
    await user.click(within(production).getByRole('button', { name: 'Move label' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You may not change “production”');
    expect(alert).toHaveTextContent('Moving "production" needs the permission prompts:manage');
    expect(writes(requests)[0]?.method).toBe('PUT');
    expect(await rowOf('production')).toHaveTextContent('v2');
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps latest automatic, adds a label and deletes one after confirmation', async () => {
    const { requests } = serveLabels();
    const { user } = renderPrompts('/prompts/greeting/labels');

    const latest = await rowOf('latest');
    expect(within(latest).queryByRole('button')).not.toBeInTheDocument();
    expect(latest).toHaveTextContent('Follows the newest version by itself.');

    await user.type(screen.getByLabelText('New label'), 'latest');
    await user.click(screen.getByRole('button', { name: 'Add label' }));
    expect(screen.getByText('“latest” is automatic')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('New label'));
    await user.type(screen.getByLabelText('New label'), 'canary');
    await user.selectOptions(screen.getByLabelText('Version'), '2');
    await user.click(screen.getByRole('button', { name: 'Add label' }));
    await waitFor(() => expect(writes(requests)[0]?.url.pathname).toBe('/api/v1/prompts/greeting/labels/canary'));
    expect(writes(requests)[0]?.body).toEqual({ version: 2 });
    expect(await rowOf('canary')).toHaveTextContent('v2');

    await user.click(within(await rowOf('staging')).getByRole('button', { name: 'Delete label staging' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete label' }));
    await waitFor(() => expect(writes(requests)[1]?.method).toBe('DELETE'));
    await waitFor(() => expect(screen.queryByRole('row', { name: /^staging/ })).not.toBeInTheDocument());
  });

  it('disables protected labels for a role without prompts:manage', async () => {
    serveLabels('editor');
    renderPrompts('/prompts/greeting/labels');

    const production = await rowOf('production');
    expect(within(production).getByLabelText('Version for production')).toBeDisabled();
    expect(within(await rowOf('staging')).getByLabelText('Version for staging')).toBeEnabled();
    expect(screen.getByText(/Protected labels \(production\) need the prompts:manage permission/)).toBeInTheDocument();
  });
});
