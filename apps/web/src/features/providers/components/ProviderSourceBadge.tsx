import type { Provider } from '@agent-fleet/contracts';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';

const SOURCES: Record<Provider['source'], { label: string; tone: BadgeTone; title: string }> = {
  builtin: { label: 'Built-in', tone: 'slate', title: 'Ships with Agent Fleet' },
  environment: { label: 'Environment', tone: 'sky', title: 'Configured by the server’s environment variables' },
  workspace: { label: 'Workspace', tone: 'indigo', title: 'Configured in this workspace' },
};

/** Where a provider's settings come from. */
export function ProviderSourceBadge({ source }: { source: Provider['source'] }) {
  const meta = SOURCES[source];
  return (
    <span title={meta.title}>
      <Badge tone={meta.tone}>{meta.label}</Badge>
    </span>
  );
}
