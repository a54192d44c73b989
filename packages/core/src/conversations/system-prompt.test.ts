import type { Agent } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import type { PromptService } from '../prompts/prompt-service.js';
import { resolveSystemPrompt } from './system-prompt.js';

describe('resolveSystemPrompt', () => {
  it('keeps the code, field errors and Retry-After of a template that cannot render', async () => {
    const busy = new AppError('engine_busy', 'Every template worker is busy', { headers: { 'Retry-After': '1' } });
    const prompts = {
      render: async () => {
        throw busy;
      },
    } as unknown as PromptService;
    const agent = { systemPrompt: { type: 'template', ref: 'support@production' } } as Agent;
    const error = await resolveSystemPrompt(prompts, 'w1', agent, {}, { wait: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'engine_busy', status: 503, headers: { 'Retry-After': '1' } });
    expect((error as AppError).message).toMatch(/support@production cannot be rendered: Every template worker is busy/);
  });
});
