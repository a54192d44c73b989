import { FileText, MessagesSquare } from 'lucide-react';
import { clsx } from 'clsx';
import type { SourceMode } from '../../draft/prompt-draft';

const MODES: { value: SourceMode; label: string; Icon: typeof FileText }[] = [
  { value: 'text', label: 'Text', Icon: FileText },
  { value: 'chat', label: 'Chat', Icon: MessagesSquare },
];

export interface SourceModeSwitchProps {
  value: SourceMode;
  onChange: (mode: SourceMode) => void;
  disabled?: boolean;
}

/** One text body, or a list of chat messages each with a role. */
export function SourceModeSwitch({ value, onChange, disabled }: SourceModeSwitchProps) {
  return (
    <fieldset disabled={disabled}>
      <legend className="sr-only">Template format</legend>
      <div className="inline-flex rounded-lg bg-slate-100 p-1 ring-1 ring-slate-200 ring-inset">
        {MODES.map(({ value: mode, label, Icon }) => (
          <label
            key={mode}
            className={clsx(
              'flex cursor-pointer items-center gap-1.5 rounded-md px-2.5 py-1 text-xs font-medium transition-colors',
              'has-focus-visible:outline-2 has-focus-visible:outline-indigo-600',
              value === mode ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-500 hover:text-slate-700',
            )}
          >
            <input
              type="radio"
              name="prompt-source-mode"
              value={mode}
              checked={value === mode}
              onChange={() => onChange(mode)}
              className="sr-only"
            />
            <Icon className="size-3.5" aria-hidden="true" />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
