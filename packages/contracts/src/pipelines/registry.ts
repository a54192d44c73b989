import { z } from 'zod';
import { CursorSchema, PageLimitSchema, pageSchema } from '../pagination.js';
import { DiffLineSchema, LabelNameSchema, PromptNameSchema } from '../prompts.js';
import { TextSchema } from '../text.js';
import { PipelineDefinitionSchema } from './definition.js';
import { PipelineIssueSchema } from './issues.js';

/** Pipeline names follow prompt names: unique per workspace, usable in `name@label` references. */
export const PipelineNameSchema = PromptNameSchema;

/**
 * A definition as sent: the text people wrote (`yaml` or `json`), kept as written so `pull` gives it back
 * unchanged. The server parses and compiles it; every problem is listed with its path, line and column.
 */
export const PipelineSourceSchema = z
  .strictObject({
    format: z.enum(['yaml', 'json']),
    source: TextSchema.max(1_000_000, 'A definition has at most 1,000,000 characters'),
  })
  .meta({ id: 'PipelineSource' });
export type PipelineSource = z.infer<typeof PipelineSourceSchema>;

export const PipelineVersionSchema = z
  .object({
    version: z.int().min(1),
    format: z.enum(['yaml', 'json']),
    source: z.string(),
    definition: PipelineDefinitionSchema,
    commitMessage: z.string(),
    authorId: z.uuid().nullable(),
    authorName: z.string().nullable(),
    createdAt: z.iso.datetime(),
    labels: z.array(z.string()),
  })
  .meta({ id: 'PipelineVersion' });
export type PipelineVersion = z.infer<typeof PipelineVersionSchema>;

export const PipelineVersionListSchema = z
  .object({ items: z.array(PipelineVersionSchema.omit({ source: true, definition: true })) })
  .meta({ id: 'PipelineVersionList' });

export const PipelineSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    latestVersion: z.int(),
    /** Label → version, including `latest`. */
    labels: z.record(z.string(), z.int()),
    /** Step count of the latest version. */
    steps: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Pipeline' });
export type Pipeline = z.infer<typeof PipelineSchema>;

export const PipelineDetailSchema = PipelineSchema.extend({ latest: PipelineVersionSchema }).meta({ id: 'PipelineDetail' });
export type PipelineDetail = z.infer<typeof PipelineDetailSchema>;

export const PipelineCreateSchema = PipelineSourceSchema.extend({
  name: PipelineNameSchema,
  commitMessage: TextSchema.trim().max(500).default(''),
}).meta({ id: 'PipelineCreate' });
export type PipelineCreate = z.input<typeof PipelineCreateSchema>;

export const PipelineVersionInputSchema = PipelineSourceSchema.extend({
  commitMessage: TextSchema.trim().max(500).default(''),
}).meta({ id: 'PipelineVersionInput' });
export type PipelineVersionInput = z.input<typeof PipelineVersionInputSchema>;

export const PipelineListQuerySchema = z.strictObject({
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
  /** Only pipelines that have this label. */
  label: LabelNameSchema.optional(),
  /** Case-insensitive substring of name or description. */
  q: TextSchema.trim().max(100).optional(),
});
export type PipelineListQuery = z.output<typeof PipelineListQuerySchema>;
export const PipelinePageSchema = pageSchema(PipelineSchema).meta({ id: 'PipelinePage' });

export const PipelineNameParamsSchema = z.strictObject({ name: PipelineNameSchema });
export const PipelineVersionParamsSchema = z.strictObject({ name: PipelineNameSchema, selector: TextSchema.max(64) });
export const PipelineLabelParamsSchema = z.strictObject({ name: PipelineNameSchema, label: LabelNameSchema });

/** What `POST /pipelines/validate` answers: every issue, and the step graph when the definition parsed. */
export const PipelineValidationSchema = z
  .object({
    valid: z.boolean(),
    issues: z.array(PipelineIssueSchema),
    /** The steps and their edges, for the editor's graph; null when the text did not parse. */
    graph: z
      .object({
        nodes: z.array(z.object({ id: z.string(), type: z.string(), needs: z.array(z.string()) })),
      })
      .nullable(),
  })
  .meta({ id: 'PipelineValidation' });
export type PipelineValidation = z.infer<typeof PipelineValidationSchema>;

export const PipelineDiffSchema = z
  .object({
    from: z.int(),
    to: z.int(),
    /** A line diff of the two sources. */
    source: z.array(DiffLineSchema),
  })
  .meta({ id: 'PipelineDiff' });
