import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/mock-api';
import type { RecordedRequest } from '../../../test/mock-fetch';
import { renderPage } from '../../usage/test/render-page';
import { initialState, serveProviders } from '../test/fake-server';
import { makeModel } from '../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Models and prices', () => {
  const modelRequests = (requests: RecordedRequest[], method: string) =>
    requests.filter((request) => request.method === method && request.url.pathname === '/api/v1/model-prices');

  it('lists models per provider with context window, six prices and badges', async () => {
    mockApi(serveProviders(initialState()));
    renderPage('/settings/providers');

    const gpt = within(await screen.findByRole('table', { name: 'openai models' })).getByRole('row', { name: /GPT-4o/ });
    expect(gpt).toHaveTextContent('128,000');
    // No 1-hour cache-write price of its own: a dash.
    expect(gpt).toHaveTextContent('$2.50$10.00$1.25$2.50—$10.00');
    expect(within(gpt).getByText('Catalogue')).toBeInTheDocument();
    const echo = within(screen.getByRole('table', { name: 'mock models' })).getByRole('row', { name: /Echo/ });
    expect(within(echo).getByText('Mock')).toBeInTheDocument();
  });

  it('overrides a model’s prices', async () => {
    const { requests } = mockApi(serveProviders(initialState()));
    const { user } = renderPage('/settings/providers');

    const table = await screen.findByRole('table', { name: 'openai models' });
    await user.click(within(within(table).getByRole('row', { name: /GPT-4o/ })).getByRole('button', { name: 'Edit prices' }));
    const dialog = screen.getByRole('dialog', { name: 'Prices of GPT-4o' });
    await user.clear(within(dialog).getByLabelText('Input'));
    await user.type(within(dialog).getByLabelText('Input'), '2');
    await user.clear(within(dialog).getByLabelText('Cached input'));
    await user.type(within(dialog).getByLabelText('Cached input'), '0.5');
    await user.click(within(dialog).getByRole('button', { name: 'Save prices' }));

    const row = await within(table).findByRole('row', { name: /GPT-4o.*Override/ });
    expect(row).toHaveTextContent('$2.00$10.00$0.50');
    expect(modelRequests(requests, 'PUT')[0]?.body).toEqual({
      provider: 'openai',
      model: 'gpt-4o',
      label: 'GPT-4o',
      contextWindow: 128_000,
      prices: { input: 2, output: 10, cachedInput: 0.5, cacheWrite: 2.5, reasoning: 10 },
    });
  });

  it('adds a custom model, defaulting cache prices to input and reasoning to output', async () => {
    const { requests } = mockApi(serveProviders(initialState()));
    const { user } = renderPage('/settings/providers');

    await user.click(await screen.findByRole('button', { name: 'Add model' }));
    const dialog = screen.getByRole('dialog', { name: 'Add model prices' });
    await user.selectOptions(within(dialog).getByLabelText('Provider'), 'ollama');
    await user.type(within(dialog).getByLabelText('Model id'), 'llama3.1:8b');
    await user.type(within(dialog).getByLabelText('Input'), '0.1');
    await user.click(within(dialog).getByRole('button', { name: 'Save prices' }));

    // Output has no default: the form asks for it rather than sending a guess.
    expect(within(dialog).getByLabelText('Output')).toHaveAccessibleDescription('Enter a price; 0 if it is free');
    expect(modelRequests(requests, 'PUT')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Output'), '0.3');
    await user.type(within(dialog).getByLabelText('Context window'), '131072');
    await user.click(within(dialog).getByRole('button', { name: 'Save prices' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(modelRequests(requests, 'PUT')[0]?.body).toEqual({
      provider: 'ollama',
      model: 'llama3.1:8b',
      contextWindow: 131_072,
      prices: { input: 0.1, output: 0.3, cachedInput: 0.1, cacheWrite: 0.1, reasoning: 0.3 },
    });
  });

  it('resets an override back to the catalogue price', async () => {
    const state = initialState();
    state.models = [makeModel({ source: 'override', prices: { ...makeModel().prices, input: 1 } })];
    const { requests } = mockApi(serveProviders(state));
    const { user } = renderPage('/settings/providers');

    const table = await screen.findByRole('table', { name: 'openai models' });
    await user.click(within(within(table).getByRole('row', { name: /GPT-4o/ })).getByRole('button', { name: 'Reset' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Reset prices of GPT-4o?' })).getByRole('button', { name: 'Reset prices' }),
    );

    expect(await within(table).findByText('Catalogue')).toBeInTheDocument();
    const [reset] = modelRequests(requests, 'DELETE');
    expect(reset?.url.searchParams.get('provider')).toBe('openai');
    expect(reset?.url.searchParams.get('model')).toBe('gpt-4o');
  });

  it('filters the models by provider on the server', async () => {
    const { requests } = mockApi(serveProviders(initialState()));
    const { user } = renderPage('/settings/providers');

    await screen.findByRole('table', { name: 'mock models' });
    await user.selectOptions(screen.getByLabelText('Provider'), 'openai');

    await waitFor(() => expect(screen.queryByRole('table', { name: 'mock models' })).not.toBeInTheDocument());
    expect(screen.getByRole('table', { name: 'openai models' })).toBeInTheDocument();
    const modelQueries = requests.filter((request) => request.url.pathname === '/api/v1/models');
    expect(modelQueries.map((request) => request.url.searchParams.get('provider'))).toEqual([null, 'openai']);
  });
});
