import type { SystemPrompt } from '@agent-fleet/contracts';
import { FileText, Link2 } from 'lucide-react';
import { Badge } from '../../../components/ui/Badge';
import { Card } from '../../../components/ui/Card';
import { ResolvedTemplate } from './ResolvedTemplate';

export function AgentPromptCard({ systemPrompt }: { systemPrompt: SystemPrompt }) {
  const isTemplate = systemPrompt.type === 'template';
  return (
    <Card
      title="System prompt"
      actions={
        <Badge tone={isTemplate ? 'indigo' : 'neutral'}>
          {isTemplate ? <Link2 className="size-3" aria-hidden="true" /> : <FileText className="size-3" aria-hidden="true" />}
          {isTemplate ? 'Template' : 'Inline'}
        </Badge>
      }
    >
      {systemPrompt.type === 'template' ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">
            Rendered from template{' '}
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[13px] text-slate-900">{systemPrompt.ref}</code>
          </p>
          <ResolvedTemplate templateRef={systemPrompt.ref} />
        </div>
      ) : systemPrompt.text === '' ? (
        <p className="text-sm text-slate-500">No system prompt.</p>
      ) : (
        <pre className="max-h-96 overflow-auto rounded-lg bg-slate-50 p-4 font-mono text-[13px] leading-6 whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200 ring-inset">
          {systemPrompt.text}
        </pre>
      )}
    </Card>
  );
}
