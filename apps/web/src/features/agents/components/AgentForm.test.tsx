import type { Agent, ModelInfo } from '@agent-fleet/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-error';
import { makeAgent } from '../../../test/agent-fixture';
import { json, mockFetch, problem } from '../../../test/mock-fetch';
import { agentToFormValues } from '../form/agent-form-values';
import type { AgentFormData } from '../form/validate-agent-form';
import { makeModel, page } from '../test/task-fixture';
import { AgentForm } from './AgentForm';

afterEach(() => {
  vi.unstubAllGlobals();
});

interface ServerData {
  /** The workspace's agents, as the tools picker lists them. */
  agents?: Agent[];
  /** The model catalogue the model fields suggest from. */
  models?: ModelInfo[];
}

function setup(props: Partial<Parameters<typeof AgentForm>[0]> = {}, { agents = [], models = [makeModel()] }: ServerData = {}) {
  const server = mockFetch((request) => {
    const path = request.url.pathname;
    if (path === '/api/v1/agents') return json(page(agents));
    if (path === '/api/v1/models') return json({ items: models });
    return problem({ title: 'Not found', code: 'not_found' }, 404);
  });
  const onSubmit = vi.fn<(data: AgentFormData) => Promise<void>>().mockResolvedValue(undefined);
  const onCancel = vi.fn();
  const user = userEvent.setup();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <AgentForm mode="create" onSubmit={onSubmit} onCancel={onCancel} {...props} />
    </QueryClientProvider>,
  );
  return { user, onSubmit, onCancel, requests: server.requests };
}

const submitButton = (name = 'Create agent') => screen.getByRole('button', { name });

describe('AgentForm', () => {
  it('starts a new agent on the offline mock model with the contract defaults', () => {
    setup();
    expect(screen.getByLabelText('Name')).toHaveValue('');
    expect(screen.getByLabelText('Provider')).toHaveValue('mock');
    expect(screen.getByLabelText('Model')).toHaveValue('echo');
    expect(screen.getByLabelText('Temperature')).toHaveValue(null);
    expect(screen.getByLabelText('Max iterations')).toHaveValue(10);
    expect(screen.getByLabelText('Max cost per task (USD)')).toHaveValue(null);
    expect(screen.getByLabelText('Metadata (JSON)')).toHaveValue('{}');
    expect(screen.getByLabelText('System prompt')).toHaveValue('');
    expect(screen.queryByLabelText('Template reference')).not.toBeInTheDocument();
    expect(screen.getByText('No agents yet: this agent answers on its own.')).toBeInTheDocument();
    expect(submitButton()).toBeEnabled();
  });

  it('shows each client-side validation error beside its field and does not submit', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText('Temperature'), '3');
    await user.clear(screen.getByLabelText('Provider'));
    await user.type(screen.getByLabelText('Provider'), 'Open AI');
    await user.click(submitButton());

    const name = screen.getByLabelText('Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Name is required');
    expect(screen.getByLabelText('Temperature')).toHaveAccessibleDescription(/must be at most 2/i);
    expect(screen.getByLabelText('Provider')).toHaveAccessibleDescription(/lowercase slugs/i);
    expect(screen.getByLabelText('Model')).not.toHaveAttribute('aria-invalid');
    expect(name).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('rejects metadata that is not a JSON object and a template prompt without a reference', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText('Name'), 'Planner');
    const metadata = screen.getByLabelText('Metadata (JSON)');
    await user.clear(metadata);
    await user.click(metadata);
    await user.paste('[1, 2]');
    await user.click(screen.getByLabelText('Template'));
    await user.click(submitButton());

    expect(metadata).toHaveAccessibleDescription(/must be a JSON object/i);
    expect(screen.getByLabelText('Template reference')).toHaveAccessibleDescription(/Template reference is required/);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('explains metadata that is not JSON in words, with where it goes wrong', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText('Name'), 'Planner');
    const metadata = screen.getByLabelText('Metadata (JSON)');
    await user.clear(metadata);
    await user.click(metadata);
    await user.paste('{"team": "support",\n  tier: 2}');
    await user.click(submitButton());

    expect(metadata).toHaveAccessibleDescription(/not valid JSON near line 2, column 3/);
    // The engine's own wording never reaches the user.
    expect(metadata).not.toHaveAccessibleDescription(/Unexpected|position|JSON\.parse/);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('clears a field error as soon as the field is edited', async () => {
    const { user } = setup();
    await user.click(submitButton());
    const name = screen.getByLabelText('Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    await user.type(name, 'A');
    expect(name).not.toHaveAttribute('aria-invalid');
  });

  it('submits a payload shaped like AgentCreate', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText('Name'), '  Research lead ');
    await user.type(screen.getByLabelText('Role'), 'researcher');
    await user.type(screen.getByLabelText('Skills'), 'Research, summarization,');
    await user.type(screen.getByLabelText('Description'), 'Finds sources.');
    await user.type(screen.getByLabelText('Temperature'), '0.4');
    await user.type(screen.getByLabelText('Max tokens'), '2048');
    await user.click(screen.getByRole('button', { name: 'Add fallback' }));
    await user.type(screen.getByLabelText('Fallback 1 provider'), 'openai');
    await user.type(screen.getByLabelText('Fallback 1 model'), 'gpt-4o-mini');
    await user.click(screen.getByLabelText('Template'));
    await user.type(screen.getByLabelText('Template reference'), 'research-lead@production');
    await user.clear(screen.getByLabelText('Max iterations'));
    await user.type(screen.getByLabelText('Max iterations'), '25');
    await user.type(screen.getByLabelText('Max cost per task (USD)'), '1.5');
    const metadata = screen.getByLabelText('Metadata (JSON)');
    await user.clear(metadata);
    await user.click(metadata);
    await user.paste('{"team": "growth"}');
    await user.click(submitButton());

    expect(onSubmit).toHaveBeenCalledTimes(1);
    const payload = onSubmit.mock.calls[0]?.[0];
    // Round-trip through JSON: that is what goes over the wire, so undefined keys must not matter.
    expect(JSON.parse(JSON.stringify(payload))).toStrictEqual({
      name: 'Research lead',
      description: 'Finds sources.',
      role: 'researcher',
      skills: ['research', 'summarization'],
      kind: 'model',
      model: {
        provider: 'mock',
        model: 'echo',
        temperature: 0.4,
        maxTokens: 2048,
        fallbacks: [{ provider: 'openai', model: 'gpt-4o-mini' }],
      },
      systemPrompt: { type: 'template', ref: 'research-lead@production' },
      tools: [],
      limits: { maxIterations: 25, maxCostPerTaskUsd: 1.5 },
      metadata: { team: 'growth' },
    });
  });

  it('removes a fallback row', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText('Name'), 'Solo');
    await user.click(screen.getByRole('button', { name: 'Add fallback' }));
    await user.click(screen.getByRole('button', { name: 'Remove fallback 1' }));
    expect(screen.queryByLabelText('Fallback 1 provider')).not.toBeInTheDocument();
    await user.click(submitButton());
    expect(onSubmit.mock.calls[0]?.[0].model?.fallbacks).toEqual([]);
  });

  it('disables submit while saving', async () => {
    let finish: () => void = () => undefined;
    const onSubmit = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { user } = setup({ onSubmit });
    await user.type(screen.getByLabelText('Name'), 'Slow');
    await user.click(submitButton());

    expect(submitButton()).toBeDisabled();
    await user.click(submitButton());
    expect(onSubmit).toHaveBeenCalledTimes(1);
    finish();
    await waitFor(() => expect(submitButton()).toBeEnabled());
  });

  it('shows server field errors beside their fields and the rest in a banner', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError({
        status: 400,
        code: 'validation_failed',
        title: 'Request validation failed',
        requestId: 'req-42',
        fieldErrors: [
          { path: 'name', message: 'An agent with this name already exists', code: 'name_taken' },
          { path: 'model.temperature', message: 'Too hot for this provider', code: 'too_big' },
          { path: 'skills.1', message: 'Skill is reserved', code: 'custom' },
          { path: 'owner', message: 'Unrecognized key: "owner"', code: 'unrecognized_keys' },
        ],
      }),
    );
    const { user } = setup({ onSubmit });
    await user.type(screen.getByLabelText('Name'), 'Taken');
    await user.click(submitButton());

    expect(await screen.findByLabelText('Name')).toHaveAccessibleDescription('An agent with this name already exists');
    expect(screen.getByLabelText('Temperature')).toHaveAccessibleDescription(/Too hot for this provider/);
    expect(screen.getByLabelText('Skills')).toHaveAccessibleDescription(/Skill is reserved/);
    const banner = screen.getByRole('alert');
    expect(banner).toHaveTextContent('Request validation failed');
    expect(banner).toHaveTextContent('owner: Unrecognized key: "owner"');
    expect(banner).toHaveTextContent('req-42');
    expect(banner).not.toHaveTextContent('already exists');
    expect(submitButton()).toBeEnabled();
  });

  it('shows a server failure without field errors in the banner', async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValue(
        new ApiError({ status: 503, code: 'service_unavailable', title: 'Service unavailable', detail: 'Database is starting' }),
      );
    const { user } = setup({ onSubmit });
    await user.type(screen.getByLabelText('Name'), 'Later');
    await user.click(submitButton());

    const banner = await screen.findByRole('alert');
    expect(within(banner).getByText('Service unavailable')).toBeInTheDocument();
    expect(banner).toHaveTextContent('Database is starting');
  });

  it('prefills every field in edit mode', () => {
    const agent = makeAgent({
      name: 'Editor',
      skills: ['writing', 'review'],
      model: {
        provider: 'anthropic',
        model: 'claude-x',
        temperature: 0.7,
        maxTokens: 4000,
        topP: 0.9,
        fallbacks: [{ provider: 'mock', model: 'mock-1' }],
      },
      systemPrompt: { type: 'template', ref: 'editing/main@staging' },
      limits: { maxIterations: 42, maxCostPerTaskUsd: 3 },
      metadata: { team: 'docs' },
    });
    setup({ mode: 'edit', initialValues: agentToFormValues(agent) });

    expect(screen.getByLabelText('Name')).toHaveValue('Editor');
    expect(screen.getByLabelText('Skills')).toHaveValue('writing, review');
    expect(screen.getByLabelText('Provider')).toHaveValue('anthropic');
    expect(screen.getByLabelText('Model')).toHaveValue('claude-x');
    expect(screen.getByLabelText('Temperature')).toHaveValue(0.7);
    expect(screen.getByLabelText('Max tokens')).toHaveValue(4000);
    expect(screen.getByLabelText('Top P')).toHaveValue(0.9);
    expect(screen.getByLabelText('Fallback 1 provider')).toHaveValue('mock');
    expect(screen.getByLabelText('Template')).toBeChecked();
    expect(screen.getByLabelText('Template reference')).toHaveValue('editing/main@staging');
    expect(screen.getByLabelText('Max iterations')).toHaveValue(42);
    expect(screen.getByLabelText('Max cost per task (USD)')).toHaveValue(3);
    expect(JSON.parse((screen.getByLabelText('Metadata (JSON)') as HTMLTextAreaElement).value)).toEqual({ team: 'docs' });
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create agent' })).not.toBeInTheDocument();
  });

  it('keeps the inline prompt when switching to a template and back', async () => {
    const { user } = setup();
    await user.type(screen.getByLabelText('System prompt'), 'Be brief.');
    await user.click(screen.getByLabelText('Template'));
    await user.click(screen.getByLabelText('Inline text'));
    expect(screen.getByLabelText('System prompt')).toHaveValue('Be brief.');
  });
});

const researcher = makeAgent({ id: '11111111-1111-4111-8111-111111111111', name: 'Researcher' });
const writer = makeAgent({ id: '22222222-2222-4222-8222-222222222222', name: 'Writer' });
const self = makeAgent({ name: 'Editor in chief' });
const goneId = '33333333-3333-4333-8333-333333333333';

describe('AgentForm tools', () => {
  it('adds other agents by name and submits them as agent:<id> tools', async () => {
    const { user, onSubmit } = setup({}, { agents: [researcher, writer] });
    await user.type(screen.getByLabelText('Name'), 'Planner');

    const picker = screen.getByLabelText('Add an agent');
    await waitFor(() => expect(within(picker).getByRole('option', { name: 'Researcher' })).toBeInTheDocument());
    await user.selectOptions(picker, 'Researcher');
    await user.selectOptions(picker, 'Writer');
    const chosen = screen.getByRole('list', { name: 'Agents it may ask' });
    expect(
      within(chosen)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Researcher', 'Writer']);
    // A chosen agent is not offered twice.
    expect(within(picker).queryByRole('option', { name: 'Researcher' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Remove Writer' }));
    await user.click(submitButton());
    expect(onSubmit.mock.calls[0]?.[0].tools).toEqual([`agent:${researcher.id}`]);
  });

  it('does not offer the agent itself, and shows a deleted agent as a chip that can be removed', async () => {
    const agent = { ...self, tools: [`agent:${researcher.id}`, `agent:${goneId}`] };
    const { user, onSubmit, requests } = setup(
      { mode: 'edit', agentId: self.id, initialValues: agentToFormValues(agent) },
      { agents: [self, researcher, writer] },
    );

    expect(await screen.findByRole('button', { name: 'Remove Deleted agent' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove Researcher' })).toBeInTheDocument();
    // Only an id missing from the list is looked up, and the 404 is what makes it "deleted".
    expect(requests.filter((request) => request.url.pathname.startsWith('/api/v1/agents/')).map((r) => r.url.pathname)).toEqual([
      `/api/v1/agents/${goneId}`,
    ]);
    const options = within(screen.getByLabelText('Add an agent')).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Choose an agent…', 'Writer']);

    await user.click(screen.getByRole('button', { name: 'Remove Deleted agent' }));
    await user.click(submitButton('Save changes'));
    expect(onSubmit.mock.calls[0]?.[0].tools).toEqual([`agent:${researcher.id}`]);
  });

  it("shows the server's error for a refused tool beside the picker", async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError({
        status: 400,
        code: 'validation_failed',
        title: 'Request validation failed',
        fieldErrors: [{ path: 'tools.0', message: 'An agent cannot ask itself', code: 'custom' }],
      }),
    );
    const { user } = setup({ onSubmit }, { agents: [researcher] });
    await user.type(screen.getByLabelText('Name'), 'Loop');
    await user.selectOptions(await screen.findByLabelText('Add an agent'), 'Researcher');
    await user.click(submitButton());

    expect(await screen.findByLabelText('Add an agent')).toHaveAccessibleDescription(/An agent cannot ask itself/);
  });
});

describe('AgentForm model suggestions', () => {
  const models = [
    makeModel(),
    makeModel({ model: 'free', label: 'Mock, free (offline)' }),
    makeModel({ provider: 'openai', model: 'gpt-4o-mini', label: 'GPT-4o mini', mock: false }),
  ];
  const suggested = (listId: string) =>
    Array.from(document.querySelectorAll<HTMLOptionElement>(`datalist#${listId} option`)).map((option) => option.value);

  it("suggests the catalogue's models of the chosen provider and still takes any model id", async () => {
    const { user, onSubmit } = setup({}, { models });
    const model = screen.getByLabelText('Model');
    await waitFor(() => expect(suggested('agent-model-suggestions')).toEqual(['echo', 'free']));
    expect(model).toHaveAccessibleDescription(/Mock echo \(offline\): \$1\.00 in \/ \$2\.00 out per million tokens/);
    expect(suggested('agent-provider-suggestions')).toContain('openai');

    const provider = screen.getByLabelText('Provider');
    await user.clear(provider);
    await user.type(provider, 'openai');
    expect(suggested('agent-model-suggestions')).toEqual(['gpt-4o-mini']);

    await user.clear(model);
    await user.type(model, 'gpt-5-preview');
    expect(model).toHaveAccessibleDescription(/Not in the model catalogue/);
    await user.type(screen.getByLabelText('Name'), 'Frontier');
    await user.click(submitButton());
    expect(onSubmit.mock.calls[0]?.[0].model).toMatchObject({ provider: 'openai', model: 'gpt-5-preview' });
  });

  it('suggests models for each fallback row from its own provider', async () => {
    const { user } = setup({}, { models });
    await user.click(screen.getByRole('button', { name: 'Add fallback' }));
    await user.type(screen.getByLabelText('Fallback 1 provider'), 'openai');
    const listId = screen.getByLabelText('Fallback 1 model').getAttribute('list') ?? '';
    await waitFor(() => expect(suggested(listId)).toEqual(['gpt-4o-mini']));
  });
});
