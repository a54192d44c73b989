import type { PipelineIssue } from '@agent-fleet/contracts';
import { CircleAlert, CircleCheck } from 'lucide-react';
import { Spinner } from '../../../../components/ui/Spinner';
import { pluralize } from '../../../../lib/format';

export interface PipelineIssuesListProps {
  issues: readonly PipelineIssue[];
  /** A newer draft is waiting to be validated. */
  checking: boolean;
}

const location = (issue: PipelineIssue) => (issue.line === undefined ? null : `${issue.line}:${issue.column ?? 1}`);

/** The compiler's verdict on the draft, as a list: where (line:column and path) and what. */
export function PipelineIssuesList({ issues, checking }: PipelineIssuesListProps) {
  return (
    <section aria-label="Problems" className="rounded-lg border border-slate-200 bg-white">
      <header className="flex items-center justify-between gap-3 border-b border-slate-100 px-3 py-2 text-xs">
        <p role="status" className="flex items-center gap-1.5 font-medium text-slate-700">
          {issues.length === 0 ? (
            <CircleCheck className="size-4 text-emerald-600" aria-hidden="true" />
          ) : (
            <CircleAlert className="size-4 text-red-600" aria-hidden="true" />
          )}
          {issues.length === 0 ? 'No problems found' : pluralize(issues.length, 'problem')}
        </p>
        {checking && (
          <span className="flex items-center gap-1.5 text-slate-500">
            <Spinner className="size-3.5" /> Checking…
          </span>
        )}
      </header>
      {issues.length > 0 && (
        <ul className="max-h-60 divide-y divide-slate-100 overflow-y-auto text-sm">
          {issues.map((issue, index) => (
            <li key={`${issue.path}-${issue.code}-${index}`} className="flex min-w-0 gap-3 px-3 py-2">
              <span className="w-12 shrink-0 font-mono text-xs text-slate-500">{location(issue) ?? '—'}</span>
              <span className="min-w-0">
                <span className="text-slate-800">{issue.message}</span>
                {issue.path !== '' && <span className="block font-mono text-xs break-all text-slate-500">{issue.path}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
