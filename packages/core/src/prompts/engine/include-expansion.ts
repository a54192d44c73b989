import { toValueSync, type Liquid, type Template } from 'liquidjs';
import { parseErrorDiagnostic, positionOfToken, type Position, type TemplateDiagnostic } from './diagnostics.js';
import { formatIncludeRef } from './include-ref.js';
import { bindForAnalysis, PartialTag } from './tags/partial-tag.js';
import type { IncludeRef, ResolvedTemplate, TemplateResolver } from './types.js';

/** Where a problem deep in an include tree is shown: the root-level tag that leads there. */
export interface IncludeOrigin {
  position: Position;
  /** Template names from the root to the included template. */
  chain: string[];
}

export interface IncludeExpansionOptions {
  liquid: Liquid;
  resolver: TemplateResolver;
  maxDepth: number;
  maxEdges: number;
  rootName: string | undefined;
}

type Finding = Omit<TemplateDiagnostic, 'severity' | 'messageIndex'>;

/**
 * Follows every include of one body through the resolver, the way a render would but along every
 * branch: reports unresolved targets, cycles, excessive depth and broken included templates, and
 * attaches each parsed include to its tag so LiquidJS's variable analysis can walk into it with the
 * right scope. Each edge gets its own parse, so the tree has no shared nodes and cycles are cut where
 * they are found; `maxEdges` bounds the work an exponential include fan-out could cause.
 */
export class IncludeExpansion {
  readonly findings: Finding[] = [];
  /** Partial name (the file label given to the included parse) → where it surfaces in the root. */
  readonly origins = new Map<string, IncludeOrigin>();
  private readonly lookups = new Map<string, Promise<ResolvedTemplate | null>>();
  private edges = 0;
  private exhausted = false;
  /** Sum of `analysisCost` over the included bodies parsed so far. */
  cost = 0;

  constructor(private readonly options: IncludeExpansionOptions) {}

  async expand(templates: Template[]): Promise<void> {
    await this.visit(templates, this.options.rootName === undefined ? [] : [this.options.rootName], undefined);
  }

  private async visit(templates: Template[], chain: string[], origin: Position | undefined): Promise<void> {
    for (const tag of partialTags(templates)) {
      const position = origin ?? positionOfToken(tag.token);
      const include = formatIncludeRef(tag.ref);
      const path = [...chain, tag.ref.name].join(' → ');
      if (chain.includes(tag.ref.name)) {
        this.findings.push({ code: 'include_cycle', message: `Include cycle: ${path}`, include, ...position });
        continue;
      }
      const depth = chain.length - (this.options.rootName === undefined ? 0 : 1) + 1;
      if (depth > this.options.maxDepth) {
        this.findings.push({
          code: 'include_depth',
          message: `Includes are nested more than ${this.options.maxDepth} levels deep (${path})`,
          include,
          ...position,
        });
        continue;
      }
      if (this.edges >= this.options.maxEdges) {
        if (!this.exhausted) {
          this.exhausted = true;
          this.findings.push({
            code: 'too_many_includes',
            message: `Analysis stopped after ${this.options.maxEdges} includes; the rest was not checked`,
            include,
            ...position,
          });
        }
        return;
      }
      this.edges += 1;
      const resolved = await this.lookup(tag.ref, include, position);
      if (!resolved) continue;
      const partialName = `include#${this.edges}:${resolved.name}@${resolved.version}`;
      let parsed: Template[];
      try {
        parsed = this.options.liquid.parse(resolved.body, partialName);
      } catch (error) {
        const problem = parseErrorDiagnostic(error);
        const where = problem.line === undefined ? '' : ` (line ${problem.line}, column ${problem.column ?? 1})`;
        this.findings.push({
          code: problem.code,
          message: `Included template ${resolved.name}@${resolved.version}${where}: ${problem.message}`,
          include,
          ...position,
        });
        continue;
      }
      this.cost += analysisCost(resolved.body);
      bindForAnalysis(tag, { partialName, templates: parsed });
      const next = [...chain, tag.ref.name];
      this.origins.set(partialName, { position, chain: next.slice(this.options.rootName === undefined ? 0 : 1) });
      await this.visit(parsed, next, position);
    }
  }

  private async lookup(ref: IncludeRef, include: string, position: Position): Promise<ResolvedTemplate | null> {
    let pending = this.lookups.get(include);
    if (!pending) {
      pending = this.options.resolver.resolve(ref);
      this.lookups.set(include, pending);
    }
    try {
      const resolved = await pending;
      if (resolved === null || resolved === undefined) {
        this.findings.push({ code: 'unresolved_include', message: `Template "${include}" does not exist`, include, ...position });
        return null;
      }
      if (typeof resolved.body !== 'string' || typeof resolved.name !== 'string' || typeof resolved.version !== 'number') {
        this.findings.push({
          code: 'resolver_error',
          message: `The resolver returned an invalid template for "${include}"`,
          include,
          ...position,
        });
        return null;
      }
      return resolved;
    } catch {
      this.findings.push({ code: 'resolver_error', message: `Looking up "${include}" failed`, include, ...position });
      return null;
    }
  }
}

/**
 * LiquidJS's variable analysis computes each variable's line by scanning its body from the start, so
 * its cost grows with (number of tags) × (offset of each tag). This sums the offsets of `{{` and `{%`
 * to predict that cost before paying it.
 */
export function analysisCost(body: string): number {
  let cost = 0;
  for (let at = body.indexOf('{'); at !== -1; at = body.indexOf('{', at + 1)) {
    const next = body[at + 1];
    if (next === '{' || next === '%') cost += at;
  }
  return cost;
}

/** The include/render tags of a parsed template, in source order, looking inside blocks (if, for, …). */
export function partialTags(templates: Template[]): PartialTag[] {
  const found: PartialTag[] = [];
  const walk = (list: Template[]) => {
    for (const template of list) {
      if (template instanceof PartialTag) found.push(template);
      else if (template.children) walk(toValueSync(template.children(false, true)));
    }
  };
  walk(templates);
  return found;
}
