import { Link } from 'react-router';
import { usePromptVersion } from '../../prompts/queries';

/** The template version an agent's `name@label` reference resolves to right now. */
export function ResolvedTemplate({ templateRef }: { templateRef: string }) {
  const [name = '', selector = 'latest'] = templateRef.split('@');
  const version = usePromptVersion(name, /^\d+$/.test(selector) ? Number(selector) : selector);
  if (version.isPending) return <p className="text-sm text-slate-500">Resolving the template…</p>;
  if (version.isError) {
    return (
      <p role="alert" className="text-sm text-amber-700">
        {templateRef} does not resolve to a template version any more.
      </p>
    );
  }
  const { source } = version.data;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        Resolves to{' '}
        <Link className="font-medium text-indigo-700 hover:underline" to={`/prompts/${encodeURIComponent(name)}/history`}>
          {name} version {version.data.version}
        </Link>
        {version.data.commitMessage ? ` — ${version.data.commitMessage}` : ''}
      </p>
      <pre
        aria-label="Resolved template"
        className="max-h-96 overflow-auto rounded-lg bg-slate-50 p-4 font-mono text-[13px] leading-6 whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200 ring-inset"
      >
        {source.type === 'text' ? source.body : source.messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n')}
      </pre>
    </div>
  );
}
