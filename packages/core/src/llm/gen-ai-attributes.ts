import type { Agent, ModelRef } from '@agent-fleet/contracts';
import type { SpanAttributes } from '../ports/tracing.js';

/**
 * Span names and attributes of the OpenTelemetry semantic conventions for generative AI, version 1.37.0
 * (status: Development, so pinned here; docs/observability.md). Only what the ledger knows anyway: no
 * prompt or reply text is ever put on a span.
 */
export const GEN_AI_SEMCONV_VERSION = '1.37.0';

/** `chat {model}`: one provider call (one try). */
export const chatSpan = (
  target: ModelRef,
  scope: { conversationId: string | null; agentId: string | null },
  attempt: number,
) => ({
  name: `chat ${target.model}`,
  attributes: {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': target.provider,
    'gen_ai.request.model': target.model,
    'gen_ai.conversation.id': scope.conversationId ?? undefined,
    'gen_ai.agent.id': scope.agentId ?? undefined,
    'agentfleet.llm.attempt': attempt,
  } satisfies SpanAttributes,
});

/** What a finished call adds to its span. */
export const chatResult = (result: {
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  error?: string | null;
}): SpanAttributes => ({
  'gen_ai.response.model': result.model,
  'gen_ai.usage.input_tokens': result.inputTokens,
  'gen_ai.usage.output_tokens': result.outputTokens,
  'error.type': result.error ?? undefined,
});

/** `invoke_agent {name}`: one task of an agent. */
export const agentSpan = (
  agent: Agent,
  kind: string,
  scope: { conversationId: string | null; runId?: string | null; stepId?: string | null },
) => ({
  name: `invoke_agent ${agent.name}`,
  attributes: {
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.id': agent.id,
    'gen_ai.agent.name': agent.name,
    'gen_ai.provider.name': agent.model.provider,
    'gen_ai.request.model': agent.model.model,
    'gen_ai.conversation.id': scope.conversationId ?? undefined,
    'agentfleet.task.kind': kind,
    'agentfleet.run.id': scope.runId ?? undefined,
    'agentfleet.step.key': scope.stepId ?? undefined,
  } satisfies SpanAttributes,
});

/** `execute_tool {name}`: a tool the model called (another agent). */
export const toolSpan = (call: { toolCallId: string; toolName: string }) => ({
  name: `execute_tool ${call.toolName}`,
  attributes: {
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': call.toolName,
    'gen_ai.tool.call.id': call.toolCallId,
    'gen_ai.tool.type': 'function',
  } satisfies SpanAttributes,
});
