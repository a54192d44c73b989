import type { Diagnostic } from '@agent-fleet/contracts';
import { CircleAlert, CircleCheck, Plus, TriangleAlert } from 'lucide-react';
import { Spinner } from '../../../../components/ui/Spinner';
import { pluralize } from '../../../../lib/format';
import { formatLocation } from '../../draft/diagnostics';

export interface DiagnosticsPanelProps {
  diagnostics: readonly Diagnostic[];
  /** A newer draft is waiting to be analysed. */
  checking: boolean;
  /** Why the draft cannot be analysed at the moment, e.g. invalid declarations. */
  blockedReason?: string | undefined;
  /** Offered on undeclared variables: adds a declaration for the name. */
  onDeclare?: (name: string) => void;
}

function summary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length === 0) return 'No problems found';
  return [errors > 0 && pluralize(errors, 'error'), warnings > 0 && pluralize(warnings, 'warning')].filter(Boolean).join(', ');
}

/** The analysis of the draft: errors block saving, warnings are advice. Positions are line:column. */
export function DiagnosticsPanel({ diagnostics, checking, blockedReason, onDeclare }: DiagnosticsPanelProps) {
  const clean = diagnostics.length === 0 && !blockedReason;
  return (
    <section aria-label="Problems" className="mt-4 rounded-lg border border-slate-200">
      <header className="flex items-center justify-between gap-3 border-b border-slate-100 px-3 py-2 text-xs">
        <p role="status" className="flex items-center gap-1.5 font-medium text-slate-700">
          {clean && !checking && <CircleCheck className="size-3.5 text-emerald-500" aria-hidden="true" />}
          {blockedReason ?? summary(diagnostics)}
        </p>
        {checking && <Spinner className="size-3.5 text-slate-400" label="Checking the template" />}
      </header>
      {diagnostics.length > 0 && (
        <ul className="max-h-56 divide-y divide-slate-100 overflow-y-auto text-sm" aria-label="Diagnostics">
          {diagnostics.map((diagnostic, index) => {
            const error = diagnostic.severity === 'error';
            const Icon = error ? CircleAlert : TriangleAlert;
            const location = formatLocation(diagnostic);
            const declarable = diagnostic.code === 'undeclared_variable' && diagnostic.variable && onDeclare;
            return (
              <li key={`${diagnostic.code}-${index}`} className="flex items-start gap-2 px-3 py-2">
                <Icon
                  className={error ? 'mt-0.5 size-4 shrink-0 text-red-500' : 'mt-0.5 size-4 shrink-0 text-amber-500'}
                  aria-label={error ? 'Error' : 'Warning'}
                />
                {location && <span className="mt-px shrink-0 font-mono text-xs text-slate-500">{location}</span>}
                <span className="min-w-0 flex-1 text-slate-700">{diagnostic.message}</span>
                {declarable && (
                  <button
                    type="button"
                    onClick={() => onDeclare(diagnostic.variable ?? '')}
                    className="inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium text-indigo-600 hover:bg-indigo-50"
                  >
                    <Plus className="size-3" aria-hidden="true" />
                    Declare {diagnostic.variable}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
