import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/mock-api';
import { json, problem, type RecordedRequest } from '../../../test/mock-fetch';
import { renderPage } from '../../usage/test/render-page';
import { initialState, serveProviders } from '../test/fake-server';
import { mockProvider, ollamaProvider } from '../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

const providerRequests = (requests: RecordedRequest[], method: string) =>
  requests.filter((request) => request.method === method && request.url.pathname.startsWith('/api/v1/providers/'));

const providerRow = async (id: string) =>
  within(await screen.findByRole('table', { name: 'Providers' })).getByRole('row', { name: new RegExp(`^${id}\\b`) });

describe('ProvidersPage', () => {
  it('lists providers with their source, base URL, key hint and readiness, never a key', async () => {
    mockApi(serveProviders(initialState()));
    const { user } = renderPage('/settings/providers');

    const openai = await providerRow('openai');
    expect(within(openai).getByText('Environment')).toBeInTheDocument();
    expect(within(openai).getByText('••••abcd')).toBeInTheDocument();
    expect(within(openai).getByText('Ready')).toBeInTheDocument();

    const ollama = await providerRow('ollama');
    expect(within(ollama).getByText('Workspace')).toBeInTheDocument();
    expect(within(ollama).getByText('http://localhost:11434/v1')).toBeInTheDocument();
    expect(within(ollama).getByText('No key')).toBeInTheDocument();

    const mock = await providerRow('mock');
    expect(within(mock).getByText('Built-in')).toBeInTheDocument();
    expect(within(mock).getByText(/Built in and offline/)).toBeInTheDocument();
    expect(within(mock).queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(within(mock).queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();

    // The key field is write-only: editing starts blank. The server's own key never carries over to
    // workspace settings (another base URL could receive it), and the hint says so.
    await user.click(within(openai).getByRole('button', { name: 'Edit' }));
    const key = within(screen.getByRole('dialog', { name: 'Edit “openai”' })).getByLabelText('API key');
    expect(key).toHaveValue('');
    expect(key).toHaveAttribute('type', 'password');
    expect(key).toHaveAccessibleDescription(
      'Settings saved here replace the server’s, key included: enter this workspace’s key.',
    );
  });

  it('adds an OpenAI-compatible provider: needs a base URL, and sends no key unless one is typed', async () => {
    const { requests } = mockApi(serveProviders(initialState()));
    const { user } = renderPage('/settings/providers');

    await user.click(await screen.findByRole('button', { name: 'Add provider' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a provider' });
    await user.selectOptions(within(dialog).getByLabelText('Kind'), 'openai-compatible');
    await user.type(within(dialog).getByLabelText('Provider id'), 'vllm');
    await user.click(within(dialog).getByRole('button', { name: 'Add provider' }));

    const baseUrl = within(dialog).getByLabelText('Base URL');
    expect(baseUrl).toHaveAccessibleDescription(expect.stringContaining('OpenAI-compatible providers need a base URL'));
    expect(baseUrl).toHaveFocus();
    expect(providerRequests(requests, 'PUT')).toHaveLength(0);

    await user.type(baseUrl, 'http://gpu-box:8000/v1');
    await user.click(within(dialog).getByRole('button', { name: 'Add provider' }));

    expect(await providerRow('vllm')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const [put] = providerRequests(requests, 'PUT');
    expect(put?.url.pathname).toBe('/api/v1/providers/vllm');
    expect(put?.body).toEqual({ kind: 'openai-compatible', baseUrl: 'http://gpu-box:8000/v1' });
  });

  it('sends a typed API key under the kind’s own id', async () => {
    const { requests } = mockApi(serveProviders({ ...initialState(), providers: [mockProvider()] }));
    const { user } = renderPage('/settings/providers');

    await user.click(await screen.findByRole('button', { name: 'Add provider' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a provider' });
    await user.selectOptions(within(dialog).getByLabelText('Kind'), 'anthropic');
    expect(within(dialog).getByLabelText('Provider id')).toHaveValue('anthropic');
    await user.type(within(dialog).getByLabelText('API key'), '  sk-ant-secret-wxyz ');
    await user.click(within(dialog).getByRole('button', { name: 'Add provider' }));

    const row = await providerRow('anthropic');
    expect(within(row).getByText('••••wxyz')).toBeInTheDocument();
    expect(screen.queryByText(/sk-ant-secret/)).not.toBeInTheDocument();
    const [put] = providerRequests(requests, 'PUT');
    expect(put?.url.pathname).toBe('/api/v1/providers/anthropic');
    expect(put?.body).toEqual({ kind: 'anthropic', baseUrl: null, apiKey: 'sk-ant-secret-wxyz' });
  });

  it('removes a stored key by sending null', async () => {
    const { requests } = mockApi(
      serveProviders({ ...initialState(), providers: [ollamaProvider({ hasApiKey: true, apiKeyHint: '9z9z' })] }),
    );
    const { user } = renderPage('/settings/providers');

    await user.click(within(await providerRow('ollama')).getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit “ollama”' });
    await user.click(within(dialog).getByLabelText('Remove the stored key'));
    expect(within(dialog).getByLabelText('API key')).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Save provider' }));

    await waitFor(() => expect(providerRequests(requests, 'PUT')).toHaveLength(1));
    expect(providerRequests(requests, 'PUT')[0]?.body).toEqual({
      kind: 'openai-compatible',
      baseUrl: 'http://localhost:11434/v1',
      apiKey: null,
    });
  });

  it('shows the server’s field errors beside their fields', async () => {
    mockApi(
      serveProviders(initialState(), (request) =>
        request.method === 'PUT'
          ? problem(
              {
                title: 'Invalid request',
                code: 'validation_failed',
                errors: [{ path: 'baseUrl', message: 'Private addresses are not allowed', code: 'outbound_refused' }],
              },
              400,
            )
          : undefined,
      ),
    );
    const { user } = renderPage('/settings/providers');

    await user.click(within(await providerRow('ollama')).getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit “ollama”' });
    await user.click(within(dialog).getByRole('button', { name: 'Save provider' }));

    await waitFor(() =>
      expect(within(dialog).getByLabelText('Base URL')).toHaveAccessibleDescription(
        expect.stringContaining('Private addresses are not allowed'),
      ),
    );
    expect(within(dialog).getByLabelText('Base URL')).toHaveFocus();
  });

  it('tests a connection: latency and model count on success, the provider’s message on failure', async () => {
    const { requests } = mockApi(
      serveProviders(initialState(), (request) =>
        request.url.pathname === '/api/v1/providers/ollama/test'
          ? json({ ok: false, latencyMs: 12, models: [], error: { code: 'network', message: 'Connection refused' } })
          : undefined,
      ),
    );
    const { user } = renderPage('/settings/providers');

    const openai = await providerRow('openai');
    await user.click(within(openai).getByRole('button', { name: 'Test connection' }));
    expect(await within(openai).findByText('Connected in 231 ms · 2 models')).toBeInTheDocument();

    const ollama = await providerRow('ollama');
    await user.click(within(ollama).getByRole('button', { name: 'Test connection' }));
    expect(await within(ollama).findByText('Connection refused')).toBeInTheDocument();
    // A provider that just failed its test is not called ready beside the failure.
    expect(within(ollama).queryByText('Ready')).not.toBeInTheDocument();
    expect(within(ollama).getByText('Not reachable')).toBeInTheDocument();
    expect(within(openai).getByText('Ready')).toBeInTheDocument();
    expect(within(openai).getByText('Connected in 231 ms · 2 models')).toBeInTheDocument();
    expect(providerRequests(requests, 'POST').map((request) => request.url.pathname)).toEqual([
      '/api/v1/providers/openai/test',
      '/api/v1/providers/ollama/test',
    ]);
  });

  it('deletes a workspace’s provider settings after confirmation', async () => {
    const { requests } = mockApi(serveProviders(initialState()));
    const { user } = renderPage('/settings/providers');

    expect(within(await providerRow('openai')).queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    await user.click(within(await providerRow('ollama')).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete settings for “ollama”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete settings' }));

    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Providers' })).queryByText('ollama')).toBeNull());
    expect(providerRequests(requests, 'DELETE').map((request) => request.url.pathname)).toEqual(['/api/v1/providers/ollama']);
  });

  it('shows a member without settings:manage the providers and prices, but no way to change them', async () => {
    const { requests } = mockApi(serveProviders(initialState()), { role: 'editor' });
    renderPage('/settings/providers');

    const openai = await providerRow('openai');
    expect(within(openai).getByText('••••abcd')).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'openai models' })).toBeInTheDocument();
    for (const name of ['Add provider', 'Test connection', 'Edit', 'Delete', 'Add model', 'Edit prices', 'Reset']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    // Reads only; besides the session's own requests (sign-in refresh, the live connection's ticket).
    const session = (path: string) => path.startsWith('/api/v1/auth') || path === '/api/v1/ws/ticket';
    expect(requests.filter((request) => request.method !== 'GET' && !session(request.url.pathname))).toEqual([]);
  });
});
