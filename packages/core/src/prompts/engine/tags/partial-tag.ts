import {
  Drop,
  Hash,
  Tag,
  TypeGuards,
  evalQuotedToken,
  evalToken,
  type Arguments,
  type Context,
  type Emitter,
  type Liquid,
  type PartialScope,
  type TagToken,
  type Template,
  type TopLevelToken,
  type ValueToken,
} from 'liquidjs';
import { TemplateRenderError } from '../errors.js';
import { parseIncludeRef } from '../include-ref.js';
import { sessionOf } from '../render-session.js';
import type { IncludeRef } from '../types.js';

interface Binding {
  value: ValueToken;
  alias: string | undefined;
}

/** `include` shares the caller's variables; `render` sees only what it is passed (Liquid semantics). */
export type PartialMode = 'include' | 'render';

/**
 * What static analysis attached to a tag: the parsed included template and a unique partial name.
 * Only `analyze` fills this (tags parsed for rendering never load anything at parse time).
 */
export interface AnalysisBinding {
  partialName: string;
  templates: Template[];
}

const analysisBindings = new WeakMap<PartialTag, AnalysisBinding>();

export function bindForAnalysis(tag: PartialTag, binding: AnalysisBinding): void {
  analysisBindings.set(tag, binding);
}

/** Loop drop for `{% render "x" for items as item %}`: exposes the same keys as LiquidJS's forloop. */
class PartialLoopDrop extends Drop {
  constructor(
    private readonly i: number,
    readonly length: number,
  ) {
    super();
  }
  index(): number {
    return this.i + 1;
  }
  index0(): number {
    return this.i;
  }
  rindex(): number {
    return this.length - this.i;
  }
  rindex0(): number {
    return this.length - this.i - 1;
  }
  first(): boolean {
    return this.i === 0;
  }
  last(): boolean {
    return this.i === this.length - 1;
  }
}

/**
 * Our `include` and `render`: same syntax as LiquidJS (`with x [as y]`, `for xs [as x]`, `key: value`
 * pairs), but the target must be a quoted registry reference (`"name"`, `"name@label"`, `"name@3"`)
 * and is loaded through the render's TemplateResolver, never a filesystem. A literal target keeps
 * every include visible to static analysis.
 */
export abstract class PartialTag extends Tag {
  readonly ref: IncludeRef;
  private readonly hash: Hash;
  private readonly withBinding: Binding | undefined;
  private readonly forBinding: Binding | undefined;

  constructor(
    token: TagToken,
    remainTokens: TopLevelToken[],
    liquid: Liquid,
    readonly mode: PartialMode,
  ) {
    super(token, remainTokens, liquid);
    const tokenizer = this.tokenizer;
    const target = tokenizer.readValue();
    if (!target || !TypeGuards.isQuotedToken(target)) {
      throw new TemplateRenderError(
        'invalid_include',
        `{% ${mode} %} takes a quoted template name, e.g. {% ${mode} "greeting@production" %}`,
      );
    }
    this.ref = parseIncludeRef(evalQuotedToken(target));
    let withBinding: Binding | undefined;
    let forBinding: Binding | undefined;
    // Same loop as LiquidJS's render tag: `with`/`for` followed by ':' is an ordinary hash key.
    while (!tokenizer.end()) {
      tokenizer.skipBlank();
      const begin = tokenizer.p;
      const keyword = tokenizer.readIdentifier().content;
      tokenizer.skipBlank();
      if ((keyword === 'with' || keyword === 'for') && tokenizer.peek() !== ':') {
        const value = tokenizer.readValue();
        if (value) {
          const beforeAs = tokenizer.p;
          const as = tokenizer.readIdentifier().content;
          let alias: string | undefined;
          if (as === 'as') alias = tokenizer.readIdentifier().content || undefined;
          else tokenizer.p = beforeAs;
          if (keyword === 'with') withBinding = { value, alias };
          else forBinding = { value, alias };
          tokenizer.skipBlank();
          if (tokenizer.peek() === ',') tokenizer.advance();
          continue;
        }
      }
      tokenizer.p = begin;
      break;
    }
    this.withBinding = withBinding;
    this.forBinding = forBinding;
    this.hash = new Hash(tokenizer, liquid.options.keyValueSeparator);
  }

  /** The variable a `with`/`for` value is bound to: its alias, else the template's name. */
  private bindingName(binding: Binding): string {
    return binding.alias ?? this.ref.name;
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const session = sessionOf(ctx);
    session.enter(this.ref);
    try {
      const templates = (yield session.load(this.ref)) as Template[];
      const args = (yield this.hash.render(ctx)) as Record<string, unknown>;
      const target = this.mode === 'render' ? ctx.spawn() : ctx;
      const scope = Object.assign(Object.create(null) as Record<string, unknown>, args);
      if (this.withBinding) scope[this.bindingName(this.withBinding)] = yield evalToken(this.withBinding.value, ctx);
      if (this.mode === 'include') target.push(scope);
      else Object.assign(target.bottom(), scope);
      try {
        if (this.forBinding) {
          const collection = toList(yield evalToken(this.forBinding.value, ctx));
          const loopScope = this.mode === 'include' ? scope : target.bottom();
          for (const [index, item] of collection.entries()) {
            loopScope[this.bindingName(this.forBinding)] = item;
            loopScope['forloop'] = new PartialLoopDrop(index, collection.length);
            yield this.liquid.renderer.renderTemplates(templates, target, emitter);
          }
        } else {
          yield this.liquid.renderer.renderTemplates(templates, target, emitter);
        }
      } finally {
        if (this.mode === 'include') target.pop();
      }
    } finally {
      session.leave();
    }
  }

  /** Static analysis only: the included template, when `analyze` resolved it. Rendering never calls this. */
  *children(partials: boolean): Generator<unknown, Template[]> {
    yield* [];
    return partials ? (analysisBindings.get(this)?.templates ?? []) : [];
  }

  partialScope(): PartialScope | undefined {
    const binding = analysisBindings.get(this);
    if (!binding) return undefined;
    const names: (string | [string, ValueToken])[] = Object.keys(this.hash.hash);
    if (this.withBinding) names.push([this.bindingName(this.withBinding), this.withBinding.value]);
    if (this.forBinding) names.push([this.bindingName(this.forBinding), this.forBinding.value], 'forloop');
    return { name: binding.partialName, isolated: this.mode === 'render', scope: names };
  }

  *arguments(): Arguments {
    for (const value of Object.values(this.hash.hash)) {
      if (TypeGuards.isValueToken(value)) yield value;
    }
    if (this.withBinding) yield this.withBinding.value;
    if (this.forBinding) yield this.forBinding.value;
  }
}

function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined || value === '') return [];
  return [value];
}

export class IncludeTag extends PartialTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid, 'include');
  }
}

export class RenderTag extends PartialTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid, 'render');
  }
}
