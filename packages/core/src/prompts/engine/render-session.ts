import type { Context, Template } from 'liquidjs';
import { TemplateRenderError } from './errors.js';
import { formatIncludeRef } from './include-ref.js';
import type { IncludeRef, ResolvedInclude, ResolvedTemplate, TemplateResolver } from './types.js';

export interface RenderSessionOptions {
  resolver: TemplateResolver | undefined;
  /** Parses an included body; `file` ends up in error positions. */
  parse: (body: string, file: string) => Template[];
  maxIncludeDepth: number;
  /** `performance.now()` value after which the render is over. */
  deadline: number;
  /** Name of the template being rendered, so that it including itself is a cycle. */
  rootName: string | undefined;
}

/**
 * Per-render state the include tags need: the resolver, the include stack (for cycles and depth),
 * the includes used so far and a per-render resolution cache. A ref resolves once per render, so an
 * include inside a loop costs one lookup and every iteration sees the same version.
 */
export class RenderSession {
  private readonly resolved: ResolvedInclude[] = [];
  private readonly stack: string[] = [];
  private readonly loads = new Map<string, Promise<Template[]>>();

  constructor(private readonly options: RenderSessionOptions) {}

  get includes(): ResolvedInclude[] {
    return [...this.resolved];
  }

  get deadline(): number {
    return this.options.deadline;
  }

  /** Call before rendering an include; pair with `leave()` in a `finally`. */
  enter(ref: IncludeRef): void {
    const chain = [...(this.options.rootName === undefined ? [] : [this.options.rootName]), ...this.stack];
    if (chain.includes(ref.name)) {
      throw new TemplateRenderError('include_cycle', `Include cycle: ${[...chain, ref.name].join(' → ')}`);
    }
    if (this.stack.length >= this.options.maxIncludeDepth) {
      throw new TemplateRenderError(
        'include_depth',
        `Includes are nested more than ${this.options.maxIncludeDepth} levels deep (${[...chain, ref.name].join(' → ')})`,
      );
    }
    this.stack.push(ref.name);
  }

  leave(): void {
    this.stack.pop();
  }

  load(ref: IncludeRef): Promise<Template[]> {
    const key = formatIncludeRef(ref);
    let pending = this.loads.get(key);
    if (!pending) {
      pending = this.resolve(ref).then((template) => {
        this.record(template);
        return this.options.parse(template.body, `${template.name}@${template.version}`);
      });
      this.loads.set(key, pending);
    }
    return pending;
  }

  private async resolve(ref: IncludeRef): Promise<ResolvedTemplate> {
    const { resolver } = this.options;
    const label = formatIncludeRef(ref);
    if (!resolver) throw new TemplateRenderError('unresolved_include', `Cannot include "${label}": no template resolver`);
    let result: unknown;
    try {
      result = await withDeadline(resolver.resolve(ref), this.options.deadline);
    } catch (error) {
      if (error instanceof TemplateRenderError) throw error;
      throw new TemplateRenderError('resolver_error', `Looking up "${label}" failed`, { cause: error });
    }
    if (result === null || result === undefined) {
      throw new TemplateRenderError('unresolved_include', `Template "${label}" does not exist`);
    }
    if (!isResolvedTemplate(result)) {
      throw new TemplateRenderError('resolver_error', `The resolver returned an invalid template for "${label}"`);
    }
    return result;
  }

  private record(template: ResolvedTemplate): void {
    if (!this.resolved.some((item) => item.name === template.name && item.version === template.version)) {
      this.resolved.push({ name: template.name, version: template.version });
    }
  }
}

function isResolvedTemplate(value: unknown): value is ResolvedTemplate {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ResolvedTemplate>;
  return (
    typeof candidate.name === 'string' &&
    typeof candidate.body === 'string' &&
    typeof candidate.version === 'number' &&
    Number.isSafeInteger(candidate.version) &&
    candidate.version > 0
  );
}

/**
 * Rejects with `render_timeout` when the deadline passes first. LiquidJS only checks its own time limit
 * between templates, so a hanging resolver (or any other await) needs this.
 */
export function withDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  const remaining = deadline - performance.now();
  const timeout = () => new TemplateRenderError('render_timeout', 'The render took longer than its time limit');
  if (remaining <= 0) {
    work.catch(() => undefined);
    return Promise.reject(timeout());
  }
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeout()), remaining);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Sessions are found through the render's `globals` object: LiquidJS hands the same object to every
 * child context (`render`, filters), and we make it an empty frozen object, so templates can see it
 * but find nothing in it.
 */
const sessions = new WeakMap<object, RenderSession>();

export function sessionGlobals(session: RenderSession): object {
  const globals = Object.freeze(Object.create(null) as object);
  sessions.set(globals, session);
  return globals;
}

export function sessionOf(ctx: Context): RenderSession {
  const session = sessions.get(ctx.globals);
  if (!session) throw new TemplateRenderError('render_failed', 'Includes can only be rendered by the prompt template engine');
  return session;
}
