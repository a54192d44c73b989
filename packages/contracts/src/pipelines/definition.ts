import { z } from 'zod';
import { ModelRefSchema } from '../agents.js';
import { VariableDeclarationSchema } from '../prompts.js';
import { JsonValueSchema, TextSchema } from '../text.js';

/**
 * A pipeline definition: the document people write in YAML and the API takes as JSON. Every object is
 * strict (an unknown field is an error, so a typo never silently does nothing). Values under `with`,
 * `outputs` and a few fields below are *templates*: `${{ expr }}` as a whole string keeps the JSON type of
 * the CEL expression's result, inside a longer string it interpolates. `if`, `until`, `items` and
 * `concurrency.key` are bare CEL expressions. See docs/pipelines.md.
 */

/** Step ids and input names are CEL identifiers, so `steps.<id>` and `input.<name>` are plain member access. */
const identifier = (what: string) =>
  TextSchema.regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, `${what}: letters, digits and "_", starting with a letter or "_"`);

export const StepIdSchema = identifier('A step id');
export const InputNameSchema = identifier('An input name');

/** `name`, `name@label` or `name@3` (a version): a prompt, pipeline or fleet reference. */
export const VersionedRefSchema = TextSchema.regex(
  /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}(@([A-Za-z_][A-Za-z0-9_.-]{0,63}|[1-9][0-9]{0,8}))?$/,
  'A reference: "name", "name@label" or "name@version"',
);

/** A duration: a whole number and a unit, e.g. `500ms`, `30s`, `5m`, `2h`, `7d`. */
export const DurationSchema = TextSchema.regex(
  /^[1-9][0-9]{0,8}(ms|s|m|h|d)$/,
  'A duration such as "500ms", "30s", "5m", "2h" or "7d"',
);

/** A bare CEL expression (`if`, `until`, `items`, `concurrency.key`); `${{ }}` around it is accepted too. */
export const ExpressionSchema = TextSchema.trim().min(1, 'An expression is required').max(4000);

/** A JSON value whose strings may hold `${{ expr }}` templates. */
export const TemplateValueSchema = JsonValueSchema;

/** A JSON Schema (validated as a JSON Schema by the compiler, not here). */
export const JsonSchemaObjectSchema = z.record(TextSchema.max(200), JsonValueSchema).meta({ id: 'PipelineJsonSchema' });

/**
 * Error classes a retry policy can name:
 * - `timeout`: the step ran past its `timeout`;
 * - `rate_limited`: a provider or HTTP 429;
 * - `provider`: a model provider failed (5xx, overloaded, broken stream);
 * - `network`: a connection failed or was reset;
 * - `http`: an `http` step got a 5xx;
 * - `invalid_output`: the result failed the step's `output` schema (or the prompt's JSON schema);
 * - `unavailable`: a fleet took no new task (it is draining);
 * - `any`: every error.
 */
export const StepErrorClassSchema = z.enum([
  'timeout',
  'rate_limited',
  'provider',
  'network',
  'http',
  'invalid_output',
  'unavailable',
  'any',
]);
export type StepErrorClass = z.infer<typeof StepErrorClassSchema>;

export const RetryPolicySchema = z
  .strictObject({
    /** Attempts in all, the first included; 1 means no retry. */
    maxAttempts: z.int().min(1).max(20),
    backoff: z
      .strictObject({
        type: z.enum(['fixed', 'exponential']),
        /** The first delay (and every delay when fixed). */
        delay: DurationSchema,
        /** The cap of an exponential delay. */
        maxDelay: DurationSchema.optional(),
        /** Randomises each delay (full jitter), so retries of many runs do not arrive together. Default true. */
        jitter: z.boolean().optional(),
      })
      .optional(),
    /** Which errors are retried; default `[any]`. */
    on: z.array(StepErrorClassSchema).min(1).max(10).optional(),
  })
  .meta({ id: 'PipelineRetryPolicy' });
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

export const OnErrorSchema = z.union([z.enum(['fail', 'continue']), z.strictObject({ fallback: StepIdSchema })]);
export type OnError = z.infer<typeof OnErrorSchema>;

/** A mandatory bound: its absence is named, since an unbounded map or loop is refused, not defaulted. */
const bound = (message: string) => z.int({ error: (issue) => (issue.input === undefined ? message : undefined) });

/** Fields every step has. `needs` are the DAG edges; `with` binds the step's inputs. */
const commonFields = {
  description: TextSchema.max(2000).optional(),
  needs: z.array(StepIdSchema).max(100).optional(),
  if: ExpressionSchema.optional(),
  /**
   * A step whose need was skipped is skipped too, unless it opts in here (it then runs, and the skipped
   * step's `status` is `skipped` and its `output` null).
   */
  runAfterSkipped: z.boolean().optional(),
  with: z.record(TextSchema.max(100), TemplateValueSchema).optional(),
  retry: RetryPolicySchema.optional(),
  timeout: DurationSchema.optional(),
  onError: OnErrorSchema.optional(),
  /** JSON Schema the step's result must satisfy. Also types `steps.<id>.output` in expressions. */
  output: JsonSchemaObjectSchema.optional(),
};

/** Fields of a step run per item of a map or per iteration of a loop: no DAG fields of its own. */
const bodyFields = {
  with: commonFields.with,
  retry: commonFields.retry,
  timeout: commonFields.timeout,
  output: commonFields.output,
};

const promptFields = {
  type: z.literal('prompt'),
  /** A prompt template of the registry: `name@label`. `with` holds its variables. */
  prompt: VersionedRefSchema,
  /** Overrides the model of the template's config. */
  model: ModelRefSchema.optional(),
  temperature: z.number().min(0).max(2).optional(),
  /** Asks the model for JSON matching this schema; the step's output is the parsed object. */
  jsonSchema: JsonSchemaObjectSchema.optional(),
};
const agentFields = {
  type: z.literal('agent'),
  /** The agent's name. */
  agent: TextSchema.trim().min(1).max(100),
  /** The task text (a template). */
  task: TextSchema.max(100_000),
};
const httpFields = {
  type: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  url: TextSchema.max(4000),
  headers: z.record(TextSchema.max(200), TextSchema.max(8000)).optional(),
  body: TemplateValueSchema.optional(),
  /** Sent as `Idempotency-Key`, so a step re-run after a crash can be recognised by the receiver. */
  idempotencyKey: TextSchema.max(500).optional(),
};
const transformFields = {
  type: z.literal('transform'),
  /** The result: a template, e.g. `${{ steps.a.output.items.size() }}` or an object of templates. */
  value: TemplateValueSchema,
};
const pipelineFields = {
  type: z.literal('pipeline'),
  /** A child run of this pipeline version; `with` is its input. */
  pipeline: VersionedRefSchema,
};
/**
 * A fleet step hands one task to a fleet and waits for its result. Fleets have names but no versions or
 * labels, so the compiler refuses `name@label` and `name@3` here (the schema keeps the shared reference
 * syntax so the error says why, rather than "invalid").
 */
const fleetFields = {
  type: z.literal('fleet'),
  /** The fleet's name. */
  fleet: VersionedRefSchema,
  /** The task given to the fleet (a template value). */
  input: TemplateValueSchema,
  /** Skills a member must have to take the task. */
  skills: z.array(TextSchema.trim().min(1).max(100)).max(20).optional(),
};

/** What a map runs per item or a loop per iteration: one action step, or a child pipeline. */
export const BodyStepSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ ...promptFields, ...bodyFields }),
    z.strictObject({ ...agentFields, ...bodyFields }),
    z.strictObject({ ...httpFields, ...bodyFields }),
    z.strictObject({ ...transformFields, ...bodyFields }),
    z.strictObject({ ...pipelineFields, ...bodyFields }),
    z.strictObject({ ...fleetFields, ...bodyFields }),
  ])
  .meta({ id: 'PipelineBodyStep' });
export type BodyStep = z.infer<typeof BodyStepSchema>;

const approvalFields = {
  type: z.literal('approval'),
  /** What the approver reads (a template). */
  message: TextSchema.max(10_000).optional(),
  /** A form the approver fills in; the decision's data is validated against it. */
  form: JsonSchemaObjectSchema.optional(),
  assignees: z.strictObject({ roles: z.array(TextSchema.trim().min(1).max(40)).min(1).max(20) }),
  /** How long to wait for a decision; `onTimeout` decides after it. No timeout waits forever. */
  timeout: DurationSchema.optional(),
  onTimeout: z.enum(['approve', 'reject', 'fail']).optional(),
};

export const StepSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ ...commonFields, ...promptFields }),
    z.strictObject({ ...commonFields, ...agentFields }),
    z.strictObject({ ...commonFields, ...httpFields }),
    z.strictObject({ ...commonFields, ...transformFields }),
    z.strictObject({
      ...commonFields,
      type: z.literal('map'),
      /** The list to map over; `item` and `index` are in scope of the body. Outputs keep item order. */
      items: ExpressionSchema,
      /** Items running at once. Mandatory. */
      concurrency: bound('A map needs a concurrency: how many items run at once').min(1).max(100),
      /** Failed items tolerated before the map fails. Mandatory. */
      maxFailures: bound('A map needs maxFailures: how many failed items it tolerates').min(0),
      /** Items at most; a longer list fails the step. Default 1,000. */
      maxItems: z.int().min(1).max(10_000).optional(),
      step: BodyStepSchema,
    }),
    z.strictObject({
      ...commonFields,
      type: z.literal('loop'),
      /** Runs at least once, then until `until` is true; `index` is the iteration (0-based). */
      step: BodyStepSchema,
      /** Evaluated after each iteration; `steps.<this id>.output` is the iteration's output. */
      until: ExpressionSchema,
      /** Mandatory bound; past it the step fails. */
      maxIterations: bound('A loop needs maxIterations: the most times it runs').min(1).max(1000),
    }),
    z.strictObject({ ...commonFields, ...approvalFields }),
    z.strictObject({
      ...commonFields,
      type: z.literal('wait'),
      /** Wait this long … */
      duration: DurationSchema.optional(),
      /** … or until this instant (an ISO 8601 timestamp, may be a template). */
      until: TextSchema.max(200).optional(),
    }),
    z.strictObject({ ...commonFields, ...pipelineFields }),
    z.strictObject({ ...commonFields, ...fleetFields }),
  ])
  .superRefine((step, context) => {
    if (step.type === 'wait' && (step.duration === undefined) === (step.until === undefined)) {
      context.addIssue({ code: 'custom', message: 'A wait step has either a duration or an until', path: ['duration'] });
    }
  })
  .meta({ id: 'PipelineStep' });
export type Step = z.infer<typeof StepSchema>;
export type StepType = Step['type'];
export const STEP_TYPES: readonly StepType[] = [
  'prompt',
  'agent',
  'http',
  'transform',
  'map',
  'loop',
  'approval',
  'wait',
  'pipeline',
  'fleet',
];

/** A declared input: typed like a prompt variable, its name being the key of `inputs`. */
export const InputDeclarationSchema = VariableDeclarationSchema.omit({ name: true }).meta({ id: 'PipelineInput' });
export type InputDeclaration = z.infer<typeof InputDeclarationSchema>;

export const PipelineDefinitionSchema = z
  .strictObject({
    /** Lets editors find the JSON Schema; ignored otherwise. */
    $schema: TextSchema.max(500).optional(),
    description: TextSchema.max(2000).optional(),
    inputs: z.record(InputNameSchema, InputDeclarationSchema).optional(),
    /** The run's result: name → template over `steps.<id>.output`. */
    outputs: z.record(TextSchema.max(100), TemplateValueSchema).optional(),
    defaults: z.strictObject({ retry: RetryPolicySchema.optional(), timeout: DurationSchema.optional() }).optional(),
    concurrency: z
      .strictObject({
        /** Runs of this pipeline at once. */
        max: z.int().min(1).max(10_000),
        /** At most `max` runs per distinct value of this expression (over `input`), e.g. `input.customerId`. */
        key: ExpressionSchema.optional(),
      })
      .optional(),
    budget: z.strictObject({ maxUsd: z.number().positive().max(100_000) }).optional(),
    steps: z
      .record(StepIdSchema, StepSchema)
      .refine((steps) => Object.keys(steps).length > 0, 'A pipeline has at least one step')
      .refine((steps) => Object.keys(steps).length <= 500, 'A pipeline has at most 500 steps'),
  })
  .meta({ id: 'PipelineDefinition' });
export type PipelineDefinition = z.infer<typeof PipelineDefinitionSchema>;
export type PipelineDefinitionInput = z.input<typeof PipelineDefinitionSchema>;

/** The JSON Schema of a definition (draft 2020-12), for the YAML editor's completion and validation. */
export const pipelineDefinitionJsonSchema = (): Record<string, unknown> =>
  z.toJSONSchema(PipelineDefinitionSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
