import type { Agent } from '@agent-fleet/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAgent } from '../../../test/agent-fixture';
import { json, mockFetch, problem } from '../../../test/mock-fetch';
import { agentToFormValues } from '../form/agent-form-values';
import type { AgentFormData } from '../form/validate-agent-form';
import { makeModel, page } from '../test/task-fixture';
import { AgentForm } from './AgentForm';

afterEach(() => {
  vi.unstubAllGlobals();
});

const CARD = 'https://agents.example.com/.well-known/agent-card.json';

function setup(props: Partial<Parameters<typeof AgentForm>[0]> = {}) {
  mockFetch((request) => {
    const path = request.url.pathname;
    if (path === '/api/v1/agents') return json(page([]));
    if (path === '/api/v1/models') return json({ items: [makeModel()] });
    return problem({ title: 'Not found', code: 'not_found' }, 404);
  });
  const onSubmit = vi.fn<(data: AgentFormData) => Promise<void>>().mockResolvedValue(undefined);
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AgentForm mode="create" onSubmit={onSubmit} onCancel={vi.fn()} {...props} />
    </QueryClientProvider>,
  );
  return { user, onSubmit };
}

const remoteAgent = (overrides: Partial<Agent> = {}): Agent =>
  makeAgent({
    kind: 'a2a',
    model: { provider: 'a2a', model: 'agents.example.com', fallbacks: [] },
    remote: { cardUrl: CARD, credential: { type: 'bearer', headerName: null, stored: true }, health: null },
    ...overrides,
  });

describe('AgentForm for a remote A2A agent', () => {
  it('creates one with its card URL and a write-only secret, without model, prompt or tools', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText('Name'), 'Partner agent');
    await user.selectOptions(screen.getByLabelText('Kind'), 'a2a');
    expect(screen.queryByLabelText('Provider')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('System prompt')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Agent Card URL'), CARD);
    await user.selectOptions(screen.getByLabelText('Credential'), 'apiKey');
    await user.type(screen.getByLabelText('Header name'), 'X-Partner-Key');
    const secret = screen.getByLabelText('Secret');
    expect(secret).toHaveAttribute('type', 'password');
    await user.type(secret, 's3cret');
    await user.click(screen.getByRole('button', { name: 'Create agent' }));
    const payload = onSubmit.mock.calls[0]?.[0];
    expect(payload).toMatchObject({
      name: 'Partner agent',
      kind: 'a2a',
      remote: { cardUrl: CARD, credential: { type: 'apiKey', headerName: 'X-Partner-Key', secret: 's3cret' } },
    });
    expect(payload).not.toHaveProperty('model');
    expect(payload?.tools).toEqual([]);
  });

  it('refuses a card URL that is not http(s), beside the field, and submits nothing', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText('Name'), 'Partner agent');
    await user.selectOptions(screen.getByLabelText('Kind'), 'a2a');
    await user.type(screen.getByLabelText('Agent Card URL'), 'ftp://agents.example.com/card');
    await user.click(screen.getByRole('button', { name: 'Create agent' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Agent Card URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Use an http:// or https:// URL')).toBeInTheDocument();
  });

  it('edits one showing its secret as stored, keeping it unless a new one is typed; the kind is fixed', async () => {
    const { user, onSubmit } = setup({ mode: 'edit', initialValues: agentToFormValues(remoteAgent()) });
    expect(screen.getByLabelText('Kind')).toBeDisabled();
    expect(screen.getByLabelText('Agent Card URL')).toHaveValue(CARD);
    const secret = screen.getByLabelText('Secret');
    expect(secret).toHaveValue('');
    expect(secret).toHaveAttribute('placeholder', 'stored');
    expect(screen.getByText('stored')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const payload = onSubmit.mock.calls[0]?.[0];
    expect(payload?.remote).toEqual({ cardUrl: CARD, credential: { type: 'bearer' } });
  });
});
