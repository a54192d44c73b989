import {
  CategorySchema,
  ChatMessageSchema,
  LabelNameSchema,
  PromptConfigSchema,
  PromptNameSchema,
  TextSchema,
  VariableDeclarationSchema,
  type FieldError,
} from '@agent-fleet/contracts';
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import type { PromptMetadata, PromptVersionRecord, VersionContent } from './prompt-repository.js';

/**
 * A `.prompt` file holds one version of a template: YAML front-matter (name, version, metadata,
 * labels pointing at this version, variables, model config; chat messages for chat templates)
 * between `---` lines, then the body of a text template. Files live at
 * `<category>/<name>/<version>.prompt`, so a template's history is a folder in git.
 */
export interface PromptFile {
  path: string;
  content: string;
}

export interface ParsedPromptFile {
  name: string;
  version: number;
  metadata: PromptMetadata;
  labels: string[];
  content: VersionContent;
}

/**
 * The front matter of a `.prompt` file. YAML escapes (`"\0"`, `"\ud800"`) can put text into it that the
 * file's own characters did not contain, so its strings are `TextSchema` like any request's.
 */
export const FrontMatterSchema = z.strictObject({
  name: PromptNameSchema,
  version: z.int().min(1),
  type: z.enum(['text', 'chat']).default('text'),
  category: CategorySchema.default(''),
  tags: z.array(TextSchema.trim().toLowerCase().min(1).max(50)).max(20).default([]),
  description: TextSchema.max(2000).default(''),
  message: TextSchema.max(500).default(''),
  labels: z.array(LabelNameSchema).max(20).default([]),
  variables: z.array(VariableDeclarationSchema).max(100).default([]),
  config: PromptConfigSchema.default({}),
  messages: z.array(ChatMessageSchema).min(1).max(50).optional(),
});

export function promptFilePath(name: string, category: string, version: number): string {
  return `${category ? `${category}/` : ''}${name}/${version}.prompt`;
}

export function formatPromptFile(
  name: string,
  metadata: PromptMetadata,
  version: PromptVersionRecord,
  labels: string[],
): PromptFile {
  const { source } = version;
  const front = {
    name,
    version: version.version,
    type: source.type,
    ...(metadata.category ? { category: metadata.category } : {}),
    ...(metadata.tags.length ? { tags: metadata.tags } : {}),
    ...(metadata.description ? { description: metadata.description } : {}),
    ...(version.commitMessage ? { message: version.commitMessage } : {}),
    ...(labels.length ? { labels } : {}),
    ...(version.variables.length ? { variables: version.variables } : {}),
    ...(Object.keys(version.config).length ? { config: version.config } : {}),
    ...(source.type === 'chat' ? { messages: source.messages } : {}),
  };
  const body = source.type === 'text' ? source.body : '';
  return { path: promptFilePath(name, metadata.category, version.version), content: `---\n${stringify(front)}---\n${body}` };
}

/** Parses a `.prompt` file; problems are reported against `files.<index>`. */
export function parsePromptFile(file: PromptFile, index: number): ParsedPromptFile | FieldError[] {
  const problem = (message: string): FieldError[] => [
    { path: `files.${index}`, message: `${file.path}: ${message}`, code: 'invalid_prompt_file' },
  ];
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(file.content);
  if (!match) return problem('expected YAML front-matter between "---" lines');
  const document = parseDocument(match[1] ?? '', { prettyErrors: false });
  if (document.errors.length > 0) return problem(`invalid YAML: ${document.errors[0]?.message ?? ''}`);
  let data: unknown;
  try {
    // Aliases are refused: they are how "billion laughs" documents explode in memory.
    data = document.toJS({ maxAliasCount: 0 });
  } catch (error) {
    return problem(`invalid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = FrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      path: `files.${index}`,
      message: `${file.path}: ${issue.path.join('.') || 'front-matter'}: ${issue.message}`,
      code: 'invalid_prompt_file',
    }));
  }
  const front = parsed.data;
  const body = match[2] ?? '';
  if (front.type === 'chat' && !front.messages) return problem('chat templates list their messages in the front-matter');
  return {
    name: front.name,
    version: front.version,
    metadata: { category: front.category, tags: front.tags, description: front.description },
    labels: front.labels,
    content: {
      source: front.type === 'chat' ? { type: 'chat', messages: front.messages ?? [] } : { type: 'text', body },
      variables: front.variables,
      config: front.config,
      commitMessage: front.message,
    },
  };
}

/** Two versions hold the same prompt when source, variables and config match (commit messages aside). */
export const sameContent = (a: VersionContent, b: VersionContent): boolean =>
  canonical([a.source, a.variables, a.config]) === canonical([b.source, b.variables, b.config]);

/** JSON with object keys sorted: the database (jsonb) does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
