import type {
  AnalyzeRequestSchema,
  PreviewRequestSchema,
  PromptUsageSchema,
  RenderResultSchema,
  TemplateSourceInput,
  VariableDeclarationData,
} from '@agent-fleet/contracts';
import type { z } from 'zod';

/** What `/render` and `/preview` answer: text or chat messages, the includes used and a token estimate. */
export type RenderResult = z.infer<typeof RenderResultSchema>;
export type PromptUsage = z.infer<typeof PromptUsageSchema>;
export type PromptUse = PromptUsage['items'][number];
export type AnalyzeRequest = z.input<typeof AnalyzeRequestSchema>;
export type PreviewRequest = z.input<typeof PreviewRequestSchema>;
export type TemplateSource = TemplateSourceInput;
export type VariableDeclaration = VariableDeclarationData;
export type VariableType = VariableDeclaration['type'];
export type ChatRole = Extract<TemplateSource, { type: 'chat' }>['messages'][number]['role'];

/** A saved version by number, or by label (`production`, `latest` …). */
export type VersionSelector = number | string;

export const VARIABLE_TYPES: readonly VariableType[] = ['string', 'number', 'boolean', 'enum', 'list', 'object'];
export const CHAT_ROLES: readonly ChatRole[] = ['system', 'user', 'assistant'];
