import {
  PipelineDefinitionSchema,
  StepIdSchema,
  StepSchema,
  type BodyStep,
  type InputDeclaration,
  type PipelineDefinition,
  type PipelineIssue,
  type Step,
} from '@agent-fleet/contracts';
import type { ObjectSchema } from '@marcbachmann/cel-js';
import { z } from 'zod';
import { RUN_SCHEMA, scopeEnvironment } from './cel-environment.js';
import { compileExpression, checkExpressionType, ExpressionError } from './expression.js';
import {
  pipelineExpressionSites,
  stepExpressionSites,
  type ExpressionScopeKind,
  type ExpressionSite,
} from './expression-sites.js';
import { ancestorsOf, buildGraph, type PipelineGraph } from './pipeline-graph.js';
import { parsePipelineSource, type SourcePosition } from './pipeline-yaml.js';
import { schemaIssues, type RawIssue } from './schema-issues.js';
import { inputValueProblem } from './run-input.js';
import { inputSchema, jsonSchemaToCel } from './scope-types.js';
import { bareExpression, parseTemplate, TemplateSyntaxError, type TemplateExpression } from './templates.js';

/** A variable a referenced prompt or pipeline takes; `required` means it has no default and must be bound in `with`. */
export interface TargetVariable {
  name: string;
  required: boolean;
}

/**
 * How the compiler looks up what a definition references, so it stays pure: the server answers from the
 * database of the workspace, tests from a map. `null`/`false` means "does not exist".
 */
export interface PipelineLookup {
  /** A prompt template `name@label`: its variables. */
  findPrompt(ref: string): Promise<{ variables: TargetVariable[] } | null>;
  /** An agent by name. */
  findAgent(name: string): Promise<boolean>;
  /** A pipeline `name@label`: its inputs. */
  findPipeline(ref: string): Promise<{ inputs: TargetVariable[] } | null>;
  /** Whether a fleet of this name exists; where absent (no fleets wired in), fleet steps are refused. */
  findFleet?(name: string): Promise<boolean>;
}

export interface CompiledPipeline {
  definition: PipelineDefinition;
  graph: PipelineGraph;
}

export type CompileResult = { ok: true; pipeline: CompiledPipeline; issues: [] } | { ok: false; issues: PipelineIssue[] };

export interface CompileOptions {
  /** Where a path is written in the source text, to give issues a line and column. */
  locate?: (path: readonly (string | number)[], offset?: number) => SourcePosition | undefined;
}

const TopLevelSchema = PipelineDefinitionSchema.extend({ steps: z.record(StepIdSchema, z.unknown()) });

/**
 * What the pipeline's steps produce, as CEL types: the `output` schema, else the prompt's JSON schema (a
 * map: a list of its body's type; a loop: its body's), else dyn (also for a step whose own definition is invalid: it is reported once, not again where it is read).
 */
function stepsSchema(ids: Set<string>, steps: Map<string, Step>): ObjectSchema {
  const typeOf = (step: Step | BodyStep | undefined): string | ObjectSchema => {
    if (!step) return 'dyn';
    if (step.output) return jsonSchemaToCel(step.output);
    if (step.type === 'prompt' && step.jsonSchema) return jsonSchemaToCel(step.jsonSchema);
    // A map's output is the list of its items' outputs; a loop's, its last iteration's.
    if (step.type === 'map') {
      const item = typeOf(step.step);
      return typeof item === 'string' ? `list<${item}>` : 'list<dyn>';
    }
    if (step.type === 'loop') return typeOf(step.step);
    return 'dyn';
  };
  return Object.fromEntries([...ids].map((id) => [id, { output: typeOf(steps.get(id)), status: 'string' }]));
}

function scopeEnvironments(inputs: Record<string, InputDeclaration>, ids: Set<string>, steps: Map<string, Step>) {
  const common = { input: inputSchema(inputs), steps: stepsSchema(ids, steps), run: { ...RUN_SCHEMA } };
  const environments: Record<ExpressionScopeKind, ReturnType<typeof scopeEnvironment>> = {
    step: scopeEnvironment(common),
    outputs: scopeEnvironment(common),
    item: scopeEnvironment({ ...common, item: 'dyn', index: 'int' }),
    iteration: scopeEnvironment({ ...common, index: 'int' }),
    until: scopeEnvironment({ ...common, index: 'int' }),
    key: scopeEnvironment({ input: common.input }),
  };
  return environments;
}

function expressionsOf(site: ExpressionSite): TemplateExpression[] {
  if (site.bare) return [bareExpression(site.text)];
  const parsed = parseTemplate(site.text);
  if (parsed.kind === 'literal') return [];
  if (parsed.kind === 'whole') return [parsed.expression];
  return parsed.parts.filter((part) => typeof part !== 'string');
}

/** Checks one expression site: syntax, limits, which steps it may read, and its types. */
function checkSite(
  site: ExpressionSite,
  allIds: Set<string>,
  graph: PipelineGraph,
  envs: ReturnType<typeof scopeEnvironments>,
): RawIssue[] {
  const at = (message: string, code: string, offset?: number): RawIssue => ({
    path: site.path,
    message,
    code,
    ...(offset === undefined ? {} : { offset }),
  });
  let expressions: TemplateExpression[];
  try {
    expressions = expressionsOf(site);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return [at(error.message, 'expression_syntax', error.offset)];
    throw error;
  }
  const upstream = site.stepId === undefined ? undefined : ancestorsOf(graph, site.stepId);
  if (site.scope === 'until' && site.stepId !== undefined) upstream?.add(site.stepId);
  return expressions.flatMap((expression): RawIssue[] => {
    const where = `in "${expression.source}"`;
    const here = (message: string, code: string, offset = 0) => at(message, code, expression.offset + offset);
    try {
      const compiled = compileExpression(expression.source);
      const unknown = compiled.steps.filter((id) => !allIds.has(id));
      if (unknown.length > 0) return unknown.map((id) => here(`Unknown step "${id}" ${where}`, 'unknown_step'));
      const notUpstream = upstream ? compiled.steps.filter((id) => !upstream.has(id)) : [];
      if (notUpstream.length > 0) {
        return notUpstream.map((id) =>
          here(`steps.${id} is not upstream of this step; add "${id}" to its needs (${where})`, 'not_upstream'),
        );
      }
      const type = checkExpressionType(expression.source, envs[site.scope]);
      if (site.expect === 'bool' && type !== 'bool' && type !== 'dyn')
        return [here(`A condition must be a bool, not ${type} (${where})`, 'expression_type')];
      if (site.expect === 'list' && !type.startsWith('list') && type !== 'dyn')
        return [here(`Items must be a list, not ${type} (${where})`, 'expression_type')];
      return [];
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      const column = error.offset === undefined ? '' : ` at character ${error.offset + 1}`;
      return [here(`${error.message}${column} ${where}`, error.code, error.offset)];
    }
  });
}

/** Checks `with` against the variables the target declares. */
function checkBindings(
  path: (string | number)[],
  bindings: Record<string, unknown> | undefined,
  variables: TargetVariable[],
  what: string,
): RawIssue[] {
  const given = Object.keys(bindings ?? {});
  const declared = new Set(variables.map((variable) => variable.name));
  return [
    ...variables
      .filter((variable) => variable.required && !given.includes(variable.name))
      .map((variable) => ({
        path: [...path, 'with'],
        message: `${what} needs "${variable.name}" in with`,
        code: 'missing_input',
      })),
    ...given
      .filter((name) => !declared.has(name))
      .map((name) => ({ path: [...path, 'with', name], message: `${what} has no variable "${name}"`, code: 'unknown_input' })),
  ];
}

/** Each distinct reference is looked up once per compile, however many steps name it, and all at once. */
function memoizedLookup(lookup: PipelineLookup): PipelineLookup {
  const memo = <T>(find: (ref: string) => Promise<T>) => {
    const found = new Map<string, Promise<T>>();
    return (ref: string) => {
      let result = found.get(ref);
      if (!result) {
        result = find(ref);
        found.set(ref, result);
      }
      return result;
    };
  };
  const { findFleet } = lookup;
  return {
    findPrompt: memo((ref) => lookup.findPrompt(ref)),
    findAgent: memo((name) => lookup.findAgent(name)),
    findPipeline: memo((ref) => lookup.findPipeline(ref)),
    ...(findFleet ? { findFleet: memo((ref) => findFleet.call(lookup, ref)) } : {}),
  };
}

/** Looks up what an action step references. */
async function checkReferences(path: (string | number)[], step: Step | BodyStep, lookup: PipelineLookup): Promise<RawIssue[]> {
  const missing = (field: string, message: string): RawIssue[] => [
    { path: [...path, field], message, code: 'unknown_reference' },
  ];
  switch (step.type) {
    case 'prompt': {
      const prompt = await lookup.findPrompt(step.prompt);
      return prompt
        ? checkBindings(path, step.with, prompt.variables, `Prompt ${step.prompt}`)
        : missing('prompt', `No prompt "${step.prompt}"`);
    }
    case 'pipeline': {
      const pipeline = await lookup.findPipeline(step.pipeline);
      return pipeline
        ? checkBindings(path, step.with, pipeline.inputs, `Pipeline ${step.pipeline}`)
        : missing('pipeline', `No pipeline "${step.pipeline}"`);
    }
    case 'agent':
      return (await lookup.findAgent(step.agent)) ? [] : missing('agent', `No agent "${step.agent}"`);
    case 'fleet': {
      if (!lookup.findFleet)
        return [{ path: [...path, 'type'], message: 'Fleet steps are not available here', code: 'unsupported' }];
      // Fleets are standing objects with a name, not versioned definitions: there is nothing to pin.
      const [name = ''] = step.fleet.split('@');
      if (name !== step.fleet) {
        const message = `Fleets have no versions or labels: name the fleet alone ("${name}", not "${step.fleet}")`;
        return [{ path: [...path, 'fleet'], message, code: 'unsupported' }];
      }
      return (await lookup.findFleet(step.fleet)) ? [] : missing('fleet', `No fleet "${step.fleet}"`);
    }
    case 'map':
    case 'loop':
      return checkReferences([...path, 'step'], step.step, lookup);
    default:
      return [];
  }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const isInstant = (text: string) => INSTANT.test(text) && !Number.isNaN(Date.parse(text));

/** Step-level rules the schema cannot express alone. */
function checkStep(id: string, step: Step, allIds: Set<string>): RawIssue[] {
  const path = ['steps', id];
  const issues: RawIssue[] = (step.needs ?? []).flatMap((need, index) =>
    allIds.has(need) ? [] : [{ path: [...path, 'needs', index], message: `Unknown step "${need}"`, code: 'unknown_step' }],
  );
  if (step.onError && typeof step.onError === 'object') {
    const { fallback } = step.onError;
    if (!allIds.has(fallback))
      issues.push({ path: [...path, 'onError', 'fallback'], message: `Unknown step "${fallback}"`, code: 'unknown_step' });
    else if (fallback === id)
      issues.push({ path: [...path, 'onError', 'fallback'], message: 'A step cannot be its own fallback', code: 'invalid' });
  }
  if (step.type === 'wait' && step.until !== undefined && !step.until.includes('${{') && !isInstant(step.until)) {
    issues.push({
      path: [...path, 'until'],
      message: 'An ISO 8601 instant with its offset, e.g. 2030-01-31T09:00:00Z',
      code: 'invalid',
    });
  }
  if (step.type === 'approval' && step.onTimeout && !step.timeout) {
    issues.push({ path: [...path, 'onTimeout'], message: 'onTimeout needs a timeout', code: 'invalid' });
  }
  return issues;
}

/**
 * Validates a pipeline definition whole, before anything runs, and returns every problem: schema errors
 * (unknown fields and step types), references to unknown steps, inputs, fields, prompts, agents and
 * pipelines, cycles and the steps they block, and expression errors (syntax, limits, types). A step whose
 * own schema fails is still known to the others, so one typo does not hide the rest.
 */
export async function compilePipeline(
  data: unknown,
  lookup: PipelineLookup,
  options: CompileOptions = {},
): Promise<CompileResult> {
  const finish = (raw: RawIssue[]): PipelineIssue[] =>
    raw.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
      code: issue.code,
      ...options.locate?.(issue.path, issue.offset),
    }));
  const top = TopLevelSchema.safeParse(data);
  if (!top.success) return { ok: false, issues: finish(schemaIssues(top.error)) };

  const issues: RawIssue[] = Object.entries(top.data.inputs ?? {}).flatMap(([name, declaration]) => {
    const path = ['inputs', name];
    if (declaration.type === 'enum' && !declaration.options?.length)
      return [{ path: [...path, 'options'], message: 'An enum input lists its options', code: 'invalid' }];
    const problem = declaration.default === undefined ? undefined : inputValueProblem(declaration, declaration.default);
    return problem ? [{ path: [...path, 'default'], message: `The default does not fit: ${problem}`, code: 'invalid' }] : [];
  });
  const steps = new Map<string, Step>();
  for (const [id, raw] of Object.entries(top.data.steps)) {
    const parsed = StepSchema.safeParse(raw);
    if (parsed.success) steps.set(id, parsed.data);
    else issues.push(...schemaIssues(parsed.error, ['steps', id]));
  }
  const allIds = new Set(Object.keys(top.data.steps));
  for (const [id, step] of steps) issues.push(...checkStep(id, step, allIds));

  const fallbackOf = new Map<string, string[]>();
  for (const [id, step] of steps) {
    const fallback = step.onError && typeof step.onError === 'object' ? step.onError.fallback : undefined;
    // A step named as its own fallback is reported above, not again as a cycle.
    if (fallback !== undefined && fallback !== id) fallbackOf.set(fallback, [...(fallbackOf.get(fallback) ?? []), id]);
  }
  const graph = buildGraph([...allIds], (id) => [...(steps.get(id)?.needs ?? []), ...(fallbackOf.get(id) ?? [])]);
  for (const cycle of graph.cycles) {
    issues.push({
      path: ['steps', cycle[0] ?? '', 'needs'],
      message: `These steps wait for each other: ${cycle.join(' → ')}`,
      code: 'cycle',
    });
  }
  for (const id of graph.unreachable) {
    issues.push({ path: ['steps', id], message: 'This step can never start: it waits for a cycle', code: 'unreachable' });
  }

  const envs = scopeEnvironments(top.data.inputs ?? {}, allIds, steps);
  const sites = [...pipelineExpressionSites(top.data), ...[...steps].flatMap(([id, step]) => stepExpressionSites(id, step))];
  for (const site of sites) issues.push(...checkSite(site, allIds, graph, envs));
  const once = memoizedLookup(lookup);
  const references = await Promise.all([...steps].map(([id, step]) => checkReferences(['steps', id], step, once)));
  issues.push(...references.flat());

  if (issues.length > 0) return { ok: false, issues: finish(issues) };
  const definition: PipelineDefinition = { ...top.data, steps: Object.fromEntries(steps) };
  const { order, upstream, downstream, roots } = graph;
  return { ok: true, pipeline: { definition, graph: { order, upstream, downstream, roots } }, issues: [] };
}

/** Parses YAML or JSON text and compiles it; every issue carries its line and column. */
export async function compilePipelineSource(text: string, lookup: PipelineLookup): Promise<CompileResult> {
  const source = parsePipelineSource(text);
  if (source.errors.length > 0) return { ok: false, issues: source.errors };
  return compilePipeline(source.data, lookup, { locate: source.locate });
}
