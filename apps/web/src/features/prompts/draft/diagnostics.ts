import type { Diagnostic } from '@agent-fleet/contracts';
import type { CodeDiagnostic } from '../../../components/ui/CodeEditor';
import { errorMessage, isApiError } from '../../../lib/api-error';

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((diagnostic) => diagnostic.severity === 'error');

/** The markers for one editor: the text body (`messageIndex` undefined) or one chat message. */
export const markersFor = (diagnostics: readonly Diagnostic[], messageIndex: number | undefined): CodeDiagnostic[] =>
  diagnostics.flatMap((diagnostic) =>
    diagnostic.line !== undefined && diagnostic.messageIndex === messageIndex
      ? [{ severity: diagnostic.severity, message: diagnostic.message, line: diagnostic.line, column: diagnostic.column ?? 1 }]
      : [],
  );

/** "3:5", "Message 2, 3:5", "Message 2" or '' for problems without a place in the text. */
export function formatLocation(diagnostic: Diagnostic): string {
  const position = diagnostic.line === undefined ? '' : `${diagnostic.line}:${diagnostic.column ?? 1}`;
  if (diagnostic.messageIndex === undefined) return position;
  const message = `Message ${diagnostic.messageIndex + 1}`;
  return position ? `${message}, ${position}` : message;
}

/** "Line 2, column 5: msg", as the save endpoint words its errors. */
const POSITIONED = /^Line (\d+), column (\d+): (.*)$/s;
const MESSAGE_PATH = /^source\.messages\.(\d+)\.content$/;

/**
 * Problems that a failed request reported, as diagnostics: a refused save (`template_invalid`) keeps
 * its positions so the markers show where; anything else becomes one error without a place.
 */
export function diagnosticsFromError(error: unknown): Diagnostic[] {
  if (!isApiError(error) || error.fieldErrors.length === 0) {
    return [{ severity: 'error', code: 'request_failed', message: errorMessage(error) }];
  }
  return error.fieldErrors.map((fieldError) => {
    const positioned = POSITIONED.exec(fieldError.message);
    const messageIndex = MESSAGE_PATH.exec(fieldError.path)?.[1];
    const inSource = fieldError.path === 'source' || messageIndex !== undefined;
    return {
      severity: 'error',
      code: fieldError.code,
      message:
        positioned?.[3] ??
        (inSource || fieldError.path === '' ? fieldError.message : `${fieldError.path}: ${fieldError.message}`),
      ...(positioned ? { line: Number(positioned[1]), column: Number(positioned[2]) } : {}),
      ...(messageIndex !== undefined ? { messageIndex: Number(messageIndex) } : {}),
    };
  });
}
