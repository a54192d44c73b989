import { LiquidError } from 'liquidjs';

/** Stable codes for everything a render (or a parse on the way to it) can fail with. */
export type TemplateErrorCode =
  /** The template is not valid Liquid. */
  | 'syntax_error'
  /** A `| filter` that does not exist (`strictFilters`). */
  | 'undefined_filter'
  /** `layout` / `block`: tags this engine refuses, because they would need a filesystem. */
  | 'unsupported_tag'
  /** An include target that is not a quoted `name`, `name@label` or `name@<version>`. */
  | 'invalid_include'
  /** The resolver has no such template, label or version (or no resolver was given). */
  | 'unresolved_include'
  /** A template includes itself, directly or through others. */
  | 'include_cycle'
  /** Includes nest deeper than `maxIncludeDepth`. */
  | 'include_depth'
  /** The resolver threw or returned something that is not a template version. */
  | 'resolver_error'
  /** The render ran past `renderTimeoutMs`. */
  | 'render_timeout'
  /** The rendered text grew past `maxOutputLength`. */
  | 'output_too_large'
  /** Filters and ranges allocated more than `memoryLimit`. */
  | 'memory_limit'
  /** A template body is longer than `maxTemplateLength`. */
  | 'template_too_large'
  /** Variables failed validation against their declarations, or are not plain JSON-like data. */
  | 'invalid_variables'
  /** Any other failure while rendering (a template bug, never a host bug). */
  | 'render_failed'
  /** The isolated engine's workers are all busy and its queue is full: not the template's fault; retry later. */
  | 'engine_busy';

export interface TemplateErrorDetails {
  cause?: unknown;
  /** 1-based position of the failing tag or output, in `template` (or the root body). */
  line?: number;
  column?: number;
  /** `name@version` of the included template where the error happened; absent for the root. */
  template?: string;
  /** For chat templates: which message failed. */
  messageIndex?: number;
  /** For `invalid_variables`: each problem. */
  problems?: { variable: string; message: string }[];
}

/**
 * The one error type the engine throws. `code` is stable (the registry maps it to an HTTP status);
 * `message` is safe to show to the template author and never contains host data.
 */
export class TemplateRenderError extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly template: string | undefined;
  readonly messageIndex: number | undefined;
  readonly problems: { variable: string; message: string }[] | undefined;

  constructor(
    readonly code: TemplateErrorCode,
    message: string,
    details: TemplateErrorDetails = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'TemplateRenderError';
    this.line = details.line;
    this.column = details.column;
    this.template = details.template;
    this.messageIndex = details.messageIndex;
    this.problems = details.problems;
  }

  /** A copy that also says where the error happened (the original stays untouched). */
  locate(details: Pick<TemplateErrorDetails, 'line' | 'column' | 'template' | 'messageIndex'>): TemplateRenderError {
    return new TemplateRenderError(this.code, this.message, {
      cause: this.cause,
      problems: this.problems,
      line: this.line ?? details.line,
      column: this.column ?? details.column,
      template: this.template ?? details.template,
      messageIndex: this.messageIndex ?? details.messageIndex,
    });
  }
}

interface LiquidErrorShape {
  message: string;
  name: string;
  token?: { getPosition(): number[]; file?: string };
  originalError?: unknown;
}

/**
 * LiquidJS reports its DoS limits and strict filters only through messages, so we match those and
 * say the same thing in the author's terms.
 */
const messageCodes: [RegExp, TemplateErrorCode, (match: RegExpExecArray) => string][] = [
  [/template render limit exceeded/, 'render_timeout', () => 'The render took longer than its time limit'],
  [/memory alloc limit exceeded/, 'memory_limit', () => 'The template allocated more memory than its limit allows'],
  [/parse length limit exceeded/, 'template_too_large', () => 'The template is longer than the engine accepts'],
  [/undefined filter: (\S+)/, 'undefined_filter', (match) => `Unknown filter "${match[1] ?? ''}"`],
];

function innermost(error: unknown): unknown {
  let current = error;
  // LiquidJS wraps a tag's exception once (RenderError/ParseError → originalError); unwrap all levels.
  for (let i = 0; i < 10 && LiquidError.is(current); i++) {
    const original = (current as LiquidErrorShape).originalError;
    if (original === undefined) break;
    current = original;
  }
  return current;
}

/** Strips LiquidJS's ", file:x, line:1, col:2" suffix: position is reported in fields instead. */
function bareMessage(message: string): string {
  return message.replace(/(, file:[^,]*)?, line:\d+, col:\d+$/, '');
}

function positionOf(error: unknown): Pick<TemplateErrorDetails, 'line' | 'column' | 'template'> {
  if (!LiquidError.is(error)) return {};
  const token = (error as LiquidErrorShape).token;
  if (!token) return {};
  const [line, column] = token.getPosition();
  return { line, column, template: token.file };
}

/**
 * Turns anything thrown while parsing or rendering into a TemplateRenderError. `phase` decides the
 * fallback code: a parse failure is the author's syntax, a render failure is `render_failed`.
 */
export function toTemplateRenderError(error: unknown, phase: 'parse' | 'render', messageIndex?: number): TemplateRenderError {
  const position = { ...positionOf(error), messageIndex };
  const inner = innermost(error);
  if (inner instanceof TemplateRenderError) return inner.locate(position);
  const outerMessage = error instanceof Error ? bareMessage(error.message) : String(error);
  const innerMessage = inner instanceof Error ? inner.message : outerMessage;
  for (const [pattern, code, describe] of messageCodes) {
    const match = pattern.exec(innerMessage);
    if (match) return new TemplateRenderError(code, describe(match), { ...position, cause: error });
  }
  if (inner instanceof RangeError) {
    // Stack exhaustion from absurd nesting: the template's fault, reported without host details.
    return new TemplateRenderError(phase === 'parse' ? 'syntax_error' : 'render_failed', 'The template is nested too deeply', {
      ...position,
      cause: error,
    });
  }
  const isParseError = error instanceof Error && (error.name === 'ParseError' || error.name === 'TokenizationError');
  const code: TemplateErrorCode = phase === 'parse' || isParseError ? 'syntax_error' : 'render_failed';
  return new TemplateRenderError(code, outerMessage, { ...position, cause: error });
}
