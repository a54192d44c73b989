import { LATEST_LABEL, PROTECTED_LABELS } from '@agent-fleet/contracts/constants';
import { Lock, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../../../components/ui/Badge';
import { Button } from '../../../../components/ui/Button';
import { Select } from '../../../../components/ui/Select';
import { Td, Tr } from '../../../../components/ui/Table';
import { labelTone } from '../shared/PromptLabelBadges';

export interface LabelRowProps {
  label: string;
  version: number;
  latestVersion: number;
  /** False for roles that may not move this label (protected labels need `prompts:manage`). */
  canChange: boolean;
  /** True while this label's change is in flight. */
  busy: boolean;
  onMove: (version: number) => void;
  onDelete: () => void;
}

export function LabelRow({ label, version, latestVersion, canChange, busy, onMove, onDelete }: LabelRowProps) {
  const [target, setTarget] = useState(version);
  const [movedFrom, setMovedFrom] = useState(version);
  // The label moved (here or elsewhere): the picker follows it.
  if (movedFrom !== version) {
    setMovedFrom(version);
    setTarget(version);
  }
  const automatic = label === LATEST_LABEL;
  const protectedLabel = PROTECTED_LABELS.includes(label);
  const selectId = `label-${label}-version`;
  const numbers = Array.from({ length: latestVersion }, (_, index) => latestVersion - index);

  return (
    <Tr>
      <Td className="whitespace-nowrap">
        <span className="flex items-center gap-2">
          <Badge tone={labelTone(label)} dot={protectedLabel}>
            {label}
          </Badge>
          {protectedLabel && <Lock className="size-3.5 text-slate-400" aria-label="Protected" />}
        </span>
      </Td>
      <Td className="font-mono text-sm whitespace-nowrap text-slate-700">v{version}</Td>
      <Td className="w-full">
        {automatic ? (
          <span className="text-sm text-slate-500">Follows the newest version by itself.</span>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor={selectId} className="sr-only">
              Version for {label}
            </label>
            <Select
              id={selectId}
              value={target}
              onChange={(event) => setTarget(Number(event.target.value))}
              disabled={!canChange || busy}
              className="w-24"
            >
              {numbers.map((number) => (
                <option key={number} value={number}>
                  v{number}
                </option>
              ))}
            </Select>
            <Button size="sm" onClick={() => onMove(target)} disabled={!canChange || target === version} loading={busy}>
              Move label
            </Button>
            <Button
              variant="danger-ghost"
              size="icon"
              onClick={onDelete}
              disabled={!canChange || busy}
              aria-label={`Delete label ${label}`}
              title="Delete label"
            >
              <Trash2 className="size-4" aria-hidden="true" />
            </Button>
          </div>
        )}
      </Td>
    </Tr>
  );
}
