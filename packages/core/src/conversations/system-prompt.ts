import type { Agent } from '@agent-fleet/contracts';
import type { ModelMessage } from 'ai';
import { AppError } from '../app-error.js';
import { parseIncludeRef } from '../prompts/engine/index.js';
import type { PromptService } from '../prompts/prompt-service.js';

export interface ResolvedSystemPrompt {
  system: string | undefined;
  /** Messages a chat template puts before the conversation (few-shot examples). */
  preamble: ModelMessage[];
  /** The template version used, as `name@version`; null for inline text. */
  promptRef: string | null;
  /** The agent's template reference as configured (`name@label`); null for inline text. */
  templateRef: string | null;
  /** The template version rendered; null for inline text. */
  templateVersion: number | null;
}

/**
 * The agent's system prompt for one task: inline text as is, or its template (`name@label`) rendered from
 * the registry with the conversation's variables. A chat template's system messages become the system
 * prompt; its user/assistant messages open the conversation.
 */
export async function resolveSystemPrompt(
  prompts: PromptService,
  workspaceId: string,
  agent: Agent,
  variables: Record<string, unknown>,
  /** As `PromptService.render`'s: true for a task the server runs on its own, false for a client's turn. */
  { wait }: { wait: boolean },
): Promise<ResolvedSystemPrompt> {
  if (agent.systemPrompt.type === 'inline') {
    return {
      system: agent.systemPrompt.text || undefined,
      preamble: [],
      promptRef: null,
      templateRef: null,
      templateVersion: null,
    };
  }
  const ref = parseIncludeRef(agent.systemPrompt.ref);
  const selector = 'version' in ref.selector ? ref.selector.version : ref.selector.label;
  let output;
  try {
    output = await prompts.render(workspaceId, ref.name, selector, variables, { wait });
  } catch (error) {
    if (error instanceof AppError) {
      throw new AppError(
        error.code,
        `The system prompt ${agent.systemPrompt.ref} cannot be rendered: ${error.message}`,
        // Keep what the client acts on: the field errors and headers such as Retry-After (engine_busy).
        { cause: error, headers: error.headers, ...(error.errors ? { errors: error.errors } : {}) },
      );
    }
    throw error;
  }
  const promptRef = `${ref.name}@${output.version}`;
  const source = { promptRef, templateRef: agent.systemPrompt.ref, templateVersion: output.version };
  if (output.type === 'text') return { system: output.text, preamble: [], ...source };
  const messages = output.messages ?? [];
  const system = messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n\n');
  const preamble = messages
    .filter((message) => message.role !== 'system')
    .map((message): ModelMessage => ({ role: message.role as 'user' | 'assistant', content: message.content }));
  return { system: system || undefined, preamble, ...source };
}
