import { LATEST_LABEL, PROTECTED_LABELS } from '@agent-fleet/contracts/constants';
import { Badge, type BadgeTone } from '../../../../components/ui/Badge';

/** `production` (and other protected labels) stand out; `latest` is quiet because every template has it. */
export const labelTone = (label: string): BadgeTone =>
  PROTECTED_LABELS.includes(label) ? 'green' : label === LATEST_LABEL ? 'slate' : 'indigo';

/** Protected labels first, then alphabetical, `latest` last. */
export function sortLabels(labels: readonly string[]): string[] {
  const rank = (label: string) => (PROTECTED_LABELS.includes(label) ? 0 : label === LATEST_LABEL ? 2 : 1);
  return [...labels].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export interface PromptLabelBadgesProps {
  /** Label → version, as templates carry them; or plain label names, as versions do. */
  labels: Readonly<Record<string, number>> | readonly string[];
  /** Shows "→ v3" after each label; for template rows, where versions differ. */
  showVersions?: boolean;
}

export function PromptLabelBadges({ labels, showVersions = false }: PromptLabelBadgesProps) {
  const entries: [string, number | undefined][] = Array.isArray(labels)
    ? labels.map((label) => [label, undefined])
    : Object.entries(labels);
  const versions = new Map(entries);
  if (entries.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Labels">
      {sortLabels(entries.map(([label]) => label)).map((label) => {
        const version = versions.get(label);
        return (
          <li key={label}>
            <Badge tone={labelTone(label)} dot={PROTECTED_LABELS.includes(label)}>
              {label}
              {showVersions && version !== undefined && <span className="font-mono opacity-70">v{version}</span>}
            </Badge>
          </li>
        );
      })}
    </ul>
  );
}
