import type { BodyStep, PipelineDefinition, Step } from '@agent-fleet/contracts';
import { findTemplates } from './templates.js';

/**
 * Which variables an expression sees:
 * - `step`: `input`, `steps` (upstream ones), `run`;
 * - `item`: also `item` and `index` (the body of a map);
 * - `iteration`: also `index` (the body of a loop);
 * - `until`: a loop's condition: also `index` and the loop step's own output;
 * - `outputs`: `input`, every step, `run`;
 * - `key`: only `input` (a concurrency key is computed before the run starts).
 */
export type ExpressionScopeKind = 'step' | 'item' | 'iteration' | 'until' | 'outputs' | 'key';

export interface ExpressionSite {
  path: (string | number)[];
  /** The text as written: a template (`${{ }}` inside) or, when `bare`, an expression. */
  text: string;
  bare: boolean;
  scope: ExpressionScopeKind;
  /** The type the result must have, when not anything. */
  expect?: 'bool' | 'list';
  /** The step it belongs to, for upstream checks. */
  stepId?: string;
}

type Path = (string | number)[];

function templates(value: unknown, path: Path, scope: ExpressionScopeKind, stepId?: string): ExpressionSite[] {
  return findTemplates(value, path).map((site) => ({ ...site, bare: false, scope, ...(stepId ? { stepId } : {}) }));
}

/** The template fields of an action step (or a map or loop body). */
function actionTemplates(step: Step | BodyStep, path: Path, scope: ExpressionScopeKind, stepId: string): ExpressionSite[] {
  const own = (field: string, value: unknown) => templates(value, [...path, field], scope, stepId);
  const sites = own('with', step.with);
  switch (step.type) {
    case 'agent':
      return [...sites, ...own('task', step.task)];
    case 'http':
      return [
        ...sites,
        ...own('url', step.url),
        ...own('headers', step.headers),
        ...own('body', step.body),
        ...own('idempotencyKey', step.idempotencyKey),
      ];
    case 'transform':
      return [...sites, ...own('value', step.value)];
    case 'fleet':
      return [...sites, ...own('input', step.input)];
    default:
      return sites;
  }
}

/** Every expression of one step, with its scope. */
export function stepExpressionSites(id: string, step: Step): ExpressionSite[] {
  const path: Path = ['steps', id];
  const bare = (
    field: string,
    text: string | undefined,
    scope: ExpressionScopeKind,
    expect?: 'bool' | 'list',
  ): ExpressionSite[] =>
    text === undefined ? [] : [{ path: [...path, field], text, bare: true, scope, stepId: id, ...(expect ? { expect } : {}) }];
  const sites = [...bare('if', step.if, 'step', 'bool')];
  switch (step.type) {
    case 'map':
      return [
        ...sites,
        ...templates(step.with, [...path, 'with'], 'step', id),
        ...bare('items', step.items, 'step', 'list'),
        ...actionTemplates(step.step, [...path, 'step'], 'item', id),
      ];
    case 'loop':
      return [
        ...sites,
        ...templates(step.with, [...path, 'with'], 'step', id),
        ...actionTemplates(step.step, [...path, 'step'], 'iteration', id),
        ...bare('until', step.until, 'until', 'bool'),
      ];
    case 'approval':
      return [
        ...sites,
        ...templates(step.with, [...path, 'with'], 'step', id),
        ...templates(step.message, [...path, 'message'], 'step', id),
      ];
    case 'wait':
      return [
        ...sites,
        ...templates(step.with, [...path, 'with'], 'step', id),
        ...templates(step.until, [...path, 'until'], 'step', id),
      ];
    default:
      return [...sites, ...actionTemplates(step, path, 'step', id)];
  }
}

/** The top-level expressions: the run's outputs and the concurrency key. */
export function pipelineExpressionSites(definition: Pick<PipelineDefinition, 'outputs' | 'concurrency'>): ExpressionSite[] {
  const key = definition.concurrency?.key;
  return [
    ...templates(definition.outputs, ['outputs'], 'outputs'),
    ...(key === undefined ? [] : [{ path: ['concurrency', 'key'], text: key, bare: true, scope: 'key' as const }]),
  ];
}
