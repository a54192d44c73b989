import type { PromptVersion } from '@agent-fleet/contracts';
import { Select } from '../../../../components/ui/Select';
import { sortLabels } from '../shared/PromptLabelBadges';
import type { VersionSelector } from '../../types';

export interface VersionSelectProps {
  id: string;
  label: string;
  value: VersionSelector;
  onChange: (selector: VersionSelector) => void;
  /** Label → version. */
  labels: Readonly<Record<string, number>>;
  latestVersion: number;
  /** For commit messages in the options; numbers alone until loaded. */
  versions?: readonly PromptVersion[] | undefined;
}

/** Picks a version by label (follows the label) or by number (pinned). */
export function VersionSelect({ id, label, value, onChange, labels, latestVersion, versions }: VersionSelectProps) {
  const numbers = Array.from({ length: latestVersion }, (_, index) => latestVersion - index);
  const messageOf = (version: number) => versions?.find((candidate) => candidate.version === version)?.commitMessage;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium whitespace-nowrap text-slate-700">
        {label}
      </label>
      <Select
        id={id}
        value={String(value)}
        onChange={(event) => onChange(/^\d+$/.test(event.target.value) ? Number(event.target.value) : event.target.value)}
        className="w-64"
      >
        <optgroup label="Labels">
          {sortLabels(Object.keys(labels)).map((name) => (
            <option key={name} value={name}>
              {name} (v{labels[name]})
            </option>
          ))}
        </optgroup>
        <optgroup label="Versions">
          {numbers.map((version) => {
            const message = messageOf(version);
            return (
              <option key={version} value={version}>
                v{version}
                {message ? ` — ${message.length > 40 ? `${message.slice(0, 40)}…` : message}` : ''}
              </option>
            );
          })}
        </optgroup>
      </Select>
    </div>
  );
}
