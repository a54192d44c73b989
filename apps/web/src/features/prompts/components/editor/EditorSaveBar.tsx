import type { ReactNode } from 'react';
import { Button } from '../../../../components/ui/Button';
import { Input } from '../../../../components/ui/Input';

export interface EditorSaveBarProps {
  mode: 'create' | 'version';
  commitMessage: string;
  onCommitMessageChange: (message: string) => void;
  commitError?: string | undefined;
  saving: boolean;
  disabled: boolean;
  /** Shown beside the button: why saving is not possible, or the outcome of the last save. */
  note?: ReactNode;
  onCancel?: () => void;
}

/** Sticks to the bottom of the page: the commit message and the save button stay in reach while editing. */
export function EditorSaveBar(props: EditorSaveBarProps) {
  const { mode, commitMessage, onCommitMessageChange, commitError, saving, disabled, note, onCancel } = props;
  return (
    <div className="sticky bottom-0 z-10 -mx-4 mt-6 border-t border-slate-200 bg-slate-50/90 px-4 py-4 backdrop-blur sm:-mx-6 sm:px-6 lg:-mx-8 lg:px-8">
      <div className="flex flex-col gap-3 md:flex-row md:items-center">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor="prompt-commit-message" className="sr-only">
            Commit message
          </label>
          <Input
            id="prompt-commit-message"
            value={commitMessage}
            onChange={(event) => onCommitMessageChange(event.target.value)}
            placeholder={mode === 'create' ? 'Commit message, e.g. “First draft”' : 'Commit message: what changed and why'}
            maxLength={500}
            aria-invalid={commitError ? true : undefined}
            aria-describedby={commitError ? 'prompt-commit-message-error' : undefined}
          />
          {commitError && (
            <p id="prompt-commit-message-error" className="text-xs font-medium text-red-600">
              {commitError}
            </p>
          )}
        </div>
        <div className="flex items-center justify-end gap-3">
          <p role="status" className="text-xs text-slate-500">
            {note}
          </p>
          {onCancel && (
            <Button onClick={onCancel} disabled={saving}>
              Cancel
            </Button>
          )}
          <Button type="submit" variant="primary" loading={saving} disabled={disabled}>
            {mode === 'create' ? 'Create prompt' : 'Save version'}
          </Button>
        </div>
      </div>
    </div>
  );
}
