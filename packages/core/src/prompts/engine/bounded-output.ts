import { toValue, type Emitter } from 'liquidjs';
import { TemplateRenderError } from './errors.js';

/** Characters one render may still produce; shared by every message and include of that render. */
export class OutputBudget {
  private used = 0;

  constructor(readonly max: number) {}

  consume(length: number): void {
    this.used += length;
    if (this.used > this.max) {
      throw new TemplateRenderError('output_too_large', `The rendered output exceeds ${this.max} characters`);
    }
  }
}

/**
 * An emitter that refuses to grow past its budget. Checking on every write (not after the render)
 * stops a loop from building a gigabyte string before anyone looks at its length.
 */
export class BoundedEmitter implements Emitter {
  buffer = '';

  constructor(private readonly budget: OutputBudget) {}

  write(html: unknown): void {
    const text = stringifyOutput(html);
    this.budget.consume(text.length);
    this.buffer += text;
  }
}

/** LiquidJS's own output stringification (not exported by the package): arrays concatenate, nil is empty. */
export function stringifyOutput(value: unknown): string {
  const resolved: unknown = toValue(value);
  if (typeof resolved === 'string') return resolved;
  if (resolved === null || resolved === undefined) return '';
  if (Array.isArray(resolved)) return resolved.map((item) => stringifyOutput(item)).join('');
  // Never call a value's own toString/valueOf (data may carry such keys) and never print function source.
  if (typeof resolved === 'object') return Object.prototype.toString.call(resolved);
  if (typeof resolved === 'function' || typeof resolved === 'symbol') return '';
  return String(resolved);
}
