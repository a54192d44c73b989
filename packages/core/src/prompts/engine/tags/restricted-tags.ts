import { CaptureTag, Tag, type Context, type Liquid, type TagToken, type TopLevelToken } from 'liquidjs';
import { BoundedEmitter, OutputBudget } from '../bounded-output.js';
import { TemplateRenderError } from '../errors.js';

/** What `liquid.registerTag` accepts as a class (LiquidJS does not export the name). */
type TagClass = Parameters<Liquid['registerTag']>[1];

/**
 * A tag that fails at parse time. `layout` (and `block`, which only means something under a layout)
 * would load a template through LiquidJS's filesystem loader, which this engine never uses.
 */
export function unsupportedTag(name: string, hint: string): TagClass {
  return class UnsupportedTag extends Tag {
    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      throw new TemplateRenderError('unsupported_tag', `The {% ${name} %} tag is not supported; ${hint}`);
    }

    render(): void {
      // Unreachable: construction always throws.
    }
  };
}

/**
 * `capture` renders into a string LiquidJS builds without any size check, so doubling a captured
 * variable in a loop could reach gigabytes before the output limit sees it. This one writes through a
 * bounded emitter and charges the result to the memory limit.
 */
export function boundedCaptureTag(maxLength: number): TagClass {
  return class BoundedCaptureTag extends CaptureTag {
    override *render(ctx: Context): Generator<unknown, void, string> {
      const emitter = new BoundedEmitter(new OutputBudget(maxLength));
      yield this.liquid.renderer.renderTemplates(this.templates, ctx, emitter);
      ctx.memoryLimit.use(emitter.buffer.length);
      ctx.bottom()[this.variable] = emitter.buffer;
    }
  };
}
