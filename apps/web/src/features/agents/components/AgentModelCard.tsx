import type { AgentModel } from '@agent-fleet/contracts';
import { Card } from '../../../components/ui/Card';
import { DescriptionList } from '../../../components/ui/DescriptionList';
import { formatNumber } from '../../../lib/format';

const providerDefault = <span className="text-slate-400">Provider default</span>;

export function AgentModelCard({ model }: { model: AgentModel }) {
  const fallbacks = model.fallbacks ?? [];
  return (
    <Card title="Model">
      <DescriptionList
        items={[
          { label: 'Provider', value: <span className="font-mono">{model.provider}</span> },
          { label: 'Model', value: <span className="font-mono">{model.model}</span> },
          { label: 'Temperature', value: model.temperature ?? providerDefault },
          { label: 'Max tokens', value: model.maxTokens === undefined ? providerDefault : formatNumber(model.maxTokens) },
          { label: 'Top P', value: model.topP ?? providerDefault },
          {
            label: 'Fallbacks',
            value:
              fallbacks.length === 0 ? (
                <span className="text-slate-400">None</span>
              ) : (
                <ol className="flex flex-col gap-1">
                  {fallbacks.map((fallback, index) => (
                    <li key={`${fallback.provider}/${fallback.model}-${index}`} className="flex items-center gap-2">
                      <span className="flex size-4 items-center justify-center rounded-full bg-slate-100 text-[10px] font-semibold text-slate-500">
                        {index + 1}
                      </span>
                      <span className="font-mono text-xs">
                        <span className="text-slate-400">{fallback.provider}/</span>
                        {fallback.model}
                      </span>
                    </li>
                  ))}
                </ol>
              ),
          },
        ]}
      />
    </Card>
  );
}
