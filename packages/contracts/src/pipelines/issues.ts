import { z } from 'zod';
import { FieldErrorSchema } from '../errors.js';

/**
 * One problem the compiler found in a pipeline definition. `path` is dotted from the top of the document
 * (`steps.summarize.with.text`, `steps.fetch.needs.0`); `line` and `column` (1-based) are present when the
 * definition came as YAML or JSON text. `code` is stable:
 * `invalid_yaml`, `yaml_alias`, `too_large`, `invalid`, `unknown_field`, `unknown_step_type`,
 * `unknown_step`, `not_upstream`, `cycle`, `unreachable`, `unknown_reference`, `missing_input`,
 * `unknown_input`, `unsupported`, and the expression codes `expression_syntax`, `expression_too_complex`,
 * `expression_type`, `expression_scope`.
 */
export const PipelineIssueSchema = FieldErrorSchema.extend({
  line: z.int().min(1).optional(),
  column: z.int().min(1).optional(),
}).meta({ id: 'PipelineIssue' });
export type PipelineIssue = z.infer<typeof PipelineIssueSchema>;
