import { z } from 'zod';
import { JsonValueSchema, jsonRecord, TextSchema } from './text.js';
import { CursorSchema, PageLimitSchema, pageSchema } from './pagination.js';
import { VersionNumberSchema, VersionNumberTextSchema } from './versions.js';
import {
  CATEGORY_MAX_LENGTH,
  CATEGORY_PATTERN,
  PROMPT_NAME_MAX_LENGTH,
  PROMPT_NAME_PATTERN,
  RESERVED_PROMPT_NAMES,
  VARIABLE_NAME_PATTERN,
} from './prompt-names.js';

export * from './prompt-names.js';

/** Template names: unique per workspace, no slashes (folders are the `category`). */
export const PromptNameSchema = TextSchema.trim()
  .min(1, { error: 'Name is required', abort: true })
  .max(PROMPT_NAME_MAX_LENGTH, `Name must be at most ${PROMPT_NAME_MAX_LENGTH} characters`)
  .regex(PROMPT_NAME_PATTERN, 'Use letters, digits, ".", "_" or "-", starting with a letter or digit')
  .refine((name) => !RESERVED_PROMPT_NAMES.includes(name), 'This name is reserved by the API');

/** Label names; `latest` always follows the newest version and cannot be moved by hand. */
export const LabelNameSchema = TextSchema.trim().regex(
  /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/,
  'Labels start with a letter and use letters, digits, ".", "_" or "-"',
);
export { LATEST_LABEL, MAX_VERSION_NUMBER, PROTECTED_LABELS, parseVersionSelector } from './labels.js';

export const CategorySchema = TextSchema.trim()
  .max(CATEGORY_MAX_LENGTH)
  .regex(CATEGORY_PATTERN, 'A folder path of lowercase segments, e.g. "support/triage"');

export const VariableDeclarationSchema = z
  .strictObject({
    name: TextSchema.regex(VARIABLE_NAME_PATTERN, 'A variable name: letters, digits, "_" or "-"'),
    type: z.enum(['string', 'number', 'boolean', 'enum', 'list', 'object']),
    required: z.boolean().default(false),
    default: JsonValueSchema.optional(),
    description: TextSchema.max(500).optional(),
    options: z.array(TextSchema.max(100)).max(100).optional(),
  })
  .meta({ id: 'VariableDeclaration' });
export type VariableDeclarationData = z.output<typeof VariableDeclarationSchema>;

export const ChatMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: TextSchema.max(100_000),
});

export const TemplateSourceSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('text'), body: TextSchema.max(100_000, 'At most 100,000 characters') }),
    z.strictObject({ type: z.literal('chat'), messages: z.array(ChatMessageSchema).min(1, 'Add at least one message').max(50) }),
  ])
  .meta({ id: 'TemplateSource' });
export type TemplateSourceInput = z.infer<typeof TemplateSourceSchema>;

/** Model defaults a version carries as configuration. */
export const PromptConfigSchema = z
  .strictObject({
    provider: TextSchema.trim().max(64).optional(),
    model: TextSchema.trim().max(200).optional(),
    temperature: z.number().min(0).max(2).optional(),
  })
  .meta({ id: 'PromptConfig' });

export const VersionInputSchema = z
  .strictObject({
    source: TemplateSourceSchema,
    variables: z.array(VariableDeclarationSchema).max(100).default([]),
    config: PromptConfigSchema.default({}),
    commitMessage: TextSchema.trim().max(500).default(''),
  })
  .meta({ id: 'PromptVersionInput' });
export type VersionInput = z.input<typeof VersionInputSchema>;

export const DiagnosticSchema = z
  .object({
    severity: z.enum(['error', 'warning']),
    code: z.string(),
    message: z.string(),
    line: z.int().optional(),
    column: z.int().optional(),
    messageIndex: z.int().optional(),
    variable: z.string().optional(),
    include: z.string().optional(),
  })
  .meta({ id: 'Diagnostic' });
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

export const DiagnosticsSchema = z.object({ diagnostics: z.array(DiagnosticSchema) }).meta({ id: 'Diagnostics' });

export const PromptVersionSchema = z
  .object({
    version: z.int().min(1),
    source: TemplateSourceSchema,
    variables: z.array(VariableDeclarationSchema),
    config: PromptConfigSchema,
    commitMessage: z.string(),
    authorId: z.uuid().nullable(),
    authorName: z.string().nullable(),
    createdAt: z.iso.datetime(),
    labels: z.array(z.string()),
  })
  .meta({ id: 'PromptVersion' });
export type PromptVersion = z.infer<typeof PromptVersionSchema>;

export const PromptVersionListSchema = z.object({ items: z.array(PromptVersionSchema) }).meta({ id: 'PromptVersionList' });

export const PromptTemplateSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    category: z.string(),
    tags: z.array(z.string()),
    description: z.string(),
    latestVersion: z.int(),
    /** Label → version, including `latest`. */
    labels: z.record(z.string(), z.int()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PromptTemplate' });
export type PromptTemplate = z.infer<typeof PromptTemplateSchema>;

export const PromptDetailSchema = PromptTemplateSchema.extend({
  latest: PromptVersionSchema,
  diagnostics: z.array(DiagnosticSchema),
}).meta({ id: 'PromptDetail' });
export type PromptDetail = z.infer<typeof PromptDetailSchema>;

const tags = z
  .array(
    TextSchema.trim()
      .toLowerCase()
      .min(1)
      .max(50)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Tags are lowercase words'),
  )
  .max(20)
  .refine((list) => new Set(list).size === list.length, 'Tags must be unique');

export const PromptCreateSchema = VersionInputSchema.extend({
  name: PromptNameSchema,
  category: CategorySchema.default(''),
  tags: tags.default([]),
  description: TextSchema.trim().max(2000).default(''),
}).meta({ id: 'PromptCreate' });
export type PromptCreate = z.input<typeof PromptCreateSchema>;

export const PromptUpdateSchema = z
  .strictObject({ category: CategorySchema, tags, description: TextSchema.trim().max(2000) })
  .partial()
  .meta({ id: 'PromptUpdate' });

export const PromptListQuerySchema = z.strictObject({
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
  /** This folder and its sub-folders. */
  category: TextSchema.trim().max(200).optional(),
  tag: TextSchema.trim().toLowerCase().max(50).optional(),
  /** Only templates that have this label. */
  label: LabelNameSchema.optional(),
  /** Case-insensitive substring of name or description. */
  q: TextSchema.trim().max(100).optional(),
});
export type PromptListQuery = z.output<typeof PromptListQuerySchema>;
export const PromptPageSchema = pageSchema(PromptTemplateSchema).meta({ id: 'PromptPage' });

export const PromptNameParamsSchema = z.strictObject({ name: PromptNameSchema });
/** A version number or a label name. */
export const VersionSelectorSchema = z.union([VersionNumberTextSchema, LabelNameSchema]);
export const PromptVersionParamsSchema = z.strictObject({ name: PromptNameSchema, selector: TextSchema.max(64) });
export const PromptLabelParamsSchema = z.strictObject({ name: PromptNameSchema, label: LabelNameSchema });

export const LabelMoveSchema = z.strictObject({ version: VersionNumberSchema }).meta({ id: 'LabelMove' });

export const AnalyzeRequestSchema = z
  .strictObject({
    source: TemplateSourceSchema,
    variables: z.array(VariableDeclarationSchema).max(100).default([]),
    /** The template being edited, so self-includes are caught. */
    name: PromptNameSchema.optional(),
  })
  .meta({ id: 'AnalyzeRequest' });

export const RenderRequestSchema = z
  .strictObject({
    /** A label or version number; default `latest`. */
    selector: z.union([VersionNumberSchema, LabelNameSchema]).optional(),
    variables: jsonRecord({ maxKeyLength: 100 }).default({}),
  })
  .meta({ id: 'RenderRequest' });

/** Render an unsaved draft (the editor's live preview). */
export const PreviewRequestSchema = z
  .strictObject({
    source: TemplateSourceSchema,
    declarations: z.array(VariableDeclarationSchema).max(100).default([]),
    variables: jsonRecord({ maxKeyLength: 100 }).default({}),
    name: PromptNameSchema.optional(),
  })
  .meta({ id: 'PreviewRequest' });

export const RenderResultSchema = z
  .object({
    version: z.int(),
    type: z.enum(['text', 'chat']),
    text: z.string().optional(),
    messages: z.array(ChatMessageSchema).optional(),
    includes: z.array(z.object({ name: z.string(), version: z.int() })),
    tokens: z.int(),
  })
  .meta({ id: 'RenderResult' });

export const DiffLineSchema = z.object({ type: z.enum(['equal', 'added', 'removed']), text: z.string() });
export const VersionDiffSchema = z
  .object({
    from: z.int(),
    to: z.int(),
    body: z.array(DiffLineSchema),
    variables: z.array(DiffLineSchema),
    config: z.array(DiffLineSchema),
  })
  .meta({ id: 'VersionDiff' });
export type VersionDiff = z.infer<typeof VersionDiffSchema>;
export const DiffQuerySchema = z.strictObject({ from: VersionNumberTextSchema, to: VersionNumberTextSchema });

export const PromptUsageSchema = z
  .object({
    items: z.array(z.object({ kind: z.enum(['agent', 'pipeline']), id: z.uuid(), name: z.string(), ref: z.string() })),
  })
  .meta({ id: 'PromptUsage' });

/** One `.prompt` file: front-matter plus body. */
export const PromptFileSchema = z.strictObject({ path: TextSchema.max(500), content: TextSchema.max(200_000) });
export const PromptImportSchema = z
  .strictObject({ files: z.array(PromptFileSchema).min(1).max(2000) })
  .meta({ id: 'PromptImport' });
export const PromptImportResultSchema = z
  .object({
    created: z.array(z.object({ name: z.string(), version: z.int() })),
    unchanged: z.array(z.object({ name: z.string(), version: z.int() })),
    labels: z.array(z.object({ name: z.string(), label: z.string(), version: z.int() })),
  })
  .meta({ id: 'PromptImportResult' });
export const PromptExportSchema = z.object({ files: z.array(PromptFileSchema) }).meta({ id: 'PromptExport' });
