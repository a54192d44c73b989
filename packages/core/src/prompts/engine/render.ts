import { toPromise, type Liquid } from 'liquidjs';
import { BoundedEmitter, OutputBudget } from './bounded-output.js';
import { TemplateRenderError, toTemplateRenderError } from './errors.js';
import { HardenedContext } from './hardened-context.js';
import type { ResolvedEngineOptions } from './options.js';
import type { ParseCache } from './parse-cache.js';
import { RenderSession, sessionGlobals, withDeadline } from './render-session.js';
import { toTemplateData } from './template-data.js';
import { estimateTokens } from './token-estimate.js';
import type { ChatMessage, RenderResult, TemplateResolver, TemplateSource } from './types.js';
import { validateVariables, type VariableDeclaration } from './variables.js';

export interface RenderOptions {
  /** Looks up `{% include %}` / `{% render %}` targets. Without one, any include fails `unresolved_include`. */
  resolver?: TemplateResolver;
  /**
   * When given, variables are validated first (`invalid_variables` lists every problem) and
   * declared defaults are applied.
   */
  declarations?: VariableDeclaration[];
  /** Name of the template being rendered, so that including itself is reported as a cycle. */
  templateName?: string;
  /** Also estimate the output's tokens (`tokens` in the result), inside the render's time budget. Default false. */
  countTokens?: boolean;
}

export interface RenderDependencies {
  liquid: Liquid;
  cache: ParseCache;
  options: ResolvedEngineOptions;
}

const CHAT_ROLES = new Set(['system', 'user', 'assistant']);

/** Renders a text or chat template under one time budget and one output budget. */
export async function renderTemplateSource(
  deps: RenderDependencies,
  source: TemplateSource,
  variables: Record<string, unknown>,
  options: RenderOptions,
): Promise<RenderResult> {
  const deadline = performance.now() + deps.options.renderTimeoutMs;
  let values = variables;
  if (options.declarations) {
    const validation = validateVariables(options.declarations, variables);
    if (validation.problems.length > 0) {
      throw new TemplateRenderError('invalid_variables', 'Some variables are missing or have the wrong type', {
        problems: validation.problems,
      });
    }
    values = validation.values;
  }
  const data = toTemplateData(values);
  const session = new RenderSession({
    resolver: options.resolver,
    parse: (body, file) => deps.cache.parse(body, file),
    maxIncludeDepth: deps.options.maxIncludeDepth,
    deadline,
    rootName: options.templateName,
  });
  const budget = new OutputBudget(deps.options.maxOutputLength);

  if (source.type === 'text') {
    const text = await renderBody(deps, source.body, data, session, budget, undefined);
    const result: RenderResult = { type: 'text', text, includes: session.includes };
    return options.countTokens ? { ...result, tokens: estimateTokens(text) } : result;
  }
  const messages: ChatMessage[] = [];
  for (const [index, message] of source.messages.entries()) {
    if (!CHAT_ROLES.has(message.role)) {
      throw new TemplateRenderError('syntax_error', `Message ${index} has an unknown role`, { messageIndex: index });
    }
    messages.push({ role: message.role, content: await renderBody(deps, message.content, data, session, budget, index) });
  }
  const result: RenderResult = { type: 'chat', messages, includes: session.includes };
  return options.countTokens ? { ...result, tokens: estimateTokens(messages) } : result;
}

async function renderBody(
  deps: RenderDependencies,
  body: string,
  data: Record<string, unknown>,
  session: RenderSession,
  budget: OutputBudget,
  messageIndex: number | undefined,
): Promise<string> {
  if (typeof body !== 'string') {
    throw new TemplateRenderError('syntax_error', 'A template body must be a string', { messageIndex });
  }
  let templates;
  try {
    templates = deps.cache.parse(body);
  } catch (error) {
    throw toTemplateRenderError(error, 'parse', messageIndex);
  }
  const remaining = session.deadline - performance.now();
  if (remaining <= 0)
    throw new TemplateRenderError('render_timeout', 'The render took longer than its time limit', { messageIndex });
  // Each message gets its own copy of the top level, so `increment` in one message does not leak into the next.
  const environment = Object.assign(Object.create(null) as Record<string, unknown>, data);
  const ctx = new HardenedContext(
    environment,
    deps.liquid.options,
    {
      globals: sessionGlobals(session),
      renderLimit: remaining,
      memoryLimit: deps.options.memoryLimit,
    },
    { liquid: deps.liquid },
  );
  const emitter = new BoundedEmitter(budget);
  try {
    await withDeadline(toPromise(deps.liquid.renderer.renderTemplates(templates, ctx, emitter)), session.deadline);
  } catch (error) {
    throw toTemplateRenderError(error, 'render', messageIndex);
  }
  return emitter.buffer;
}
