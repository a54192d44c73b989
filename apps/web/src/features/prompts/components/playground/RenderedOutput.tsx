import { Link2 } from 'lucide-react';
import { Badge, type BadgeTone } from '../../../../components/ui/Badge';
import { Notice } from '../../../../components/ui/Notice';
import { Skeleton } from '../../../../components/ui/Skeleton';
import { Spinner } from '../../../../components/ui/Spinner';
import { pluralize } from '../../../../lib/format';
import type { ChatRole, RenderResult } from '../../types';

export interface RenderedOutputProps {
  result: RenderResult | undefined;
  /** A newer render is on its way; the previous output stays visible meanwhile. */
  pending: boolean;
  /** Why the latest render failed, when it is not about one variable. */
  problem?: string | undefined;
  /** Required variables still to fill in before anything renders. */
  missing?: readonly string[];
}

const ROLE_TONES: Record<ChatRole, BadgeTone> = { system: 'amber', user: 'sky', assistant: 'indigo' };

/** What the template renders to, with the token estimate and the included templates it pulled in. */
export function RenderedOutput({ result, pending, problem, missing = [] }: RenderedOutputProps) {
  return (
    <section aria-label="Rendered output" aria-busy={pending || undefined} className="flex flex-col gap-3">
      <div className="flex min-h-5 items-center justify-between gap-3 text-xs text-slate-500">
        <span>{result && `≈ ${pluralize(result.tokens, 'token')}`}</span>
        {pending && <Spinner className="size-3.5" label="Rendering" />}
      </div>
      {problem && (
        <Notice tone="warning" title="Cannot render">
          {problem}
        </Notice>
      )}
      {!result && missing.length > 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">
          Fill in{' '}
          {missing.map((name, index) => (
            <span key={name}>
              {index > 0 && (index === missing.length - 1 ? ' and ' : ', ')}
              <code className="font-mono text-slate-700">{name}</code>
            </span>
          ))}{' '}
          to see the output.
        </p>
      )}
      {!result && !problem && missing.length === 0 && pending && <Skeleton className="h-24 w-full" />}
      {result?.type === 'text' && (
        <pre className="max-h-[28rem] overflow-auto rounded-lg bg-slate-900 p-4 font-mono text-[13px] leading-6 whitespace-pre-wrap text-slate-100">
          {result.text === '' ? <span className="text-slate-500 italic">(empty)</span> : result.text}
        </pre>
      )}
      {result?.type === 'chat' && (
        <ol className="flex flex-col gap-2" aria-label="Messages">
          {(result.messages ?? []).map((message, index) => (
            <li key={index} className="rounded-lg border border-slate-200 bg-white p-3">
              <Badge tone={ROLE_TONES[message.role]}>{message.role}</Badge>
              <p className="mt-2 text-sm leading-6 whitespace-pre-wrap text-slate-800">{message.content}</p>
            </li>
          ))}
        </ol>
      )}
      {result && result.includes.length > 0 && (
        <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
          <Link2 className="size-3.5" aria-hidden="true" />
          Includes
          {result.includes.map((include) => (
            <code key={include.name} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">
              {include.name}@{include.version}
            </code>
          ))}
        </p>
      )}
    </section>
  );
}
