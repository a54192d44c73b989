import { LiquidError, type Token } from 'liquidjs';
import { toTemplateRenderError } from './errors.js';

export type DiagnosticSeverity = 'error' | 'warning';

export type DiagnosticCode =
  | 'syntax_error'
  | 'undefined_filter'
  | 'unsupported_tag'
  | 'invalid_include'
  | 'template_too_large'
  | 'invalid_declaration'
  | 'undeclared_variable'
  | 'unused_variable'
  | 'unresolved_include'
  | 'include_cycle'
  | 'include_depth'
  | 'resolver_error'
  | 'too_many_includes'
  | 'analysis_incomplete';

/** One finding of static analysis. Errors should block a save; warnings are advice. */
export interface TemplateDiagnostic {
  severity: DiagnosticSeverity;
  code: DiagnosticCode;
  message: string;
  /**
   * 1-based position in the analysed body (for chat: in that message's content). Problems found inside
   * an included template point at the `{% include %}` tag that leads there. Absent for problems that
   * have no place in the text (`unused_variable`, `invalid_declaration`).
   */
  line?: number;
  column?: number;
  /** For chat templates: the message the position refers to. */
  messageIndex?: number;
  /** The variable concerned, for variable and declaration diagnostics. */
  variable?: string;
  /** The include reference concerned (`name@label`), for include diagnostics. */
  include?: string;
}

export interface Position {
  line: number;
  column: number;
}

export function positionOfToken(token: Token): Position {
  const [line = 1, column = 1] = token.getPosition();
  return { line, column };
}

/** 1-based line and column of an offset in `input`. */
export function positionAt(input: string, offset: number): Position {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < input.length; i++) {
    if (input[i] === '\n') {
      line += 1;
      column = 1;
    } else {
      column += 1;
    }
  }
  return { line, column };
}

const PARSE_CODES = new Set<DiagnosticCode>([
  'syntax_error',
  'undefined_filter',
  'unsupported_tag',
  'invalid_include',
  'template_too_large',
]);

/**
 * The diagnostic for a failed parse (LiquidJS stops at the first error). An unknown filter points at
 * the filter's name rather than at the start of its `{{ … }}`.
 */
export function parseErrorDiagnostic(error: unknown): Omit<TemplateDiagnostic, 'severity'> {
  const mapped = toTemplateRenderError(error, 'parse');
  const code: DiagnosticCode = PARSE_CODES.has(mapped.code as DiagnosticCode) ? (mapped.code as DiagnosticCode) : 'syntax_error';
  let position: Partial<Position> = { line: mapped.line, column: mapped.column };
  const token = LiquidError.is(error) ? (error as { token?: Token }).token : undefined;
  const filter = /Unknown filter "([^"]+)"/.exec(mapped.message)?.[1];
  if (code === 'undefined_filter' && token && filter) {
    const text = token.getText();
    const at = text.search(new RegExp(`\\|\\s*${escapeRegExp(filter)}(?![\\w-])`));
    if (at >= 0) position = positionAt(token.input, token.begin + at + text.slice(at).indexOf(filter));
  }
  return { code, message: mapped.message, ...position };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
