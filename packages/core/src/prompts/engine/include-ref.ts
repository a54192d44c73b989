import { TemplateRenderError } from './errors.js';
import type { IncludeRef } from './types.js';

/** The label a bare `{% include "name" %}` resolves through. */
export const DEFAULT_INCLUDE_LABEL = 'latest';

// Names are registry keys, never paths: no leading dot or slash, no `..` segment, no `%`, no `\`.
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}){0,7}$/;
const LABEL = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const VERSION = /^[1-9][0-9]{0,8}$/;

/**
 * Parses an include target: `name` (label `latest`), `name@label` or `name@3`. Throws `invalid_include`
 * for anything else, so traversal strings never reach a resolver.
 */
export function parseIncludeRef(text: string): IncludeRef {
  const at = text.lastIndexOf('@');
  const name = at === -1 ? text : text.slice(0, at);
  const selector = at === -1 ? undefined : text.slice(at + 1);
  if (!NAME.test(name) || name.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new TemplateRenderError('invalid_include', `"${truncate(text)}" is not a template name (letters, digits, _ . - and /)`);
  }
  if (selector === undefined) return { name, selector: { label: DEFAULT_INCLUDE_LABEL } };
  if (VERSION.test(selector)) return { name, selector: { version: Number(selector) } };
  if (LABEL.test(selector)) return { name, selector: { label: selector } };
  throw new TemplateRenderError('invalid_include', `"${truncate(text)}" has an invalid label or version after "@"`);
}

/** The canonical text of a reference: `name@label` or `name@3`. */
export function formatIncludeRef(ref: IncludeRef): string {
  return 'version' in ref.selector ? `${ref.name}@${ref.selector.version}` : `${ref.name}@${ref.selector.label}`;
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
