import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-error';
import { makeAgent } from '../../../test/agent-fixture';
import { agentToFormValues } from '../form/agent-form-values';
import type { AgentFormData } from '../form/validate-agent-form';
import { AgentForm } from './AgentForm';

function setup(props: Partial<Parameters<typeof AgentForm>[0]> = {}) {
  const onSubmit = vi.fn<(data: AgentFormData) => Promise<void>>().mockResolvedValue(undefined);
  const onCancel = vi.fn();
  const user = userEvent.setup();
  render(<AgentForm mode="create" onSubmit={onSubmit} onCancel={onCancel} {...props} />);
  return { user, onSubmit, onCancel };
}

const submitButton = (name = 'Create agent') => screen.getByRole('button', { name });

describe('AgentForm', () => {
  it('starts a new agent on the offline mock model with the contract defaults', () => {
    setup();
    expect(screen.getByLabelText('Name')).toHaveValue('');
    expect(screen.getByLabelText('Provider')).toHaveValue('mock');
    expect(screen.getByLabelText('Model')).toHaveValue('mock-1');
    expect(screen.getByLabelText('Temperature')).toHaveValue(null);
    expect(screen.getByLabelText('Max iterations')).toHaveValue(10);
    expect(screen.getByLabelText('Max cost per task (USD)')).toHaveValue(null);
    expect(screen.getByLabelText('Metadata (JSON)')).toHaveValue('{}');
    expect(screen.getByLabelText('System prompt')).toHaveValue('');
    expect(screen.queryByLabelText('Template reference')).not.toBeInTheDocument();
    expect(screen.getByText('No tools available yet')).toBeInTheDocument();
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
      model: {
        provider: 'mock',
        model: 'mock-1',
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
    expect(onSubmit.mock.calls[0]?.[0].model.fallbacks).toEqual([]);
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
