import { Braces, SendHorizontal, Square } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Notice } from '../../../components/ui/Notice';
import { Textarea } from '../../../components/ui/Textarea';
import { errorMessage, isApiError } from '../../../lib/api-error';
import { isVariablesRefusal, refusedVariables } from '../prompt-variables';
import { knownTurnErrorTitle } from '../turn-errors';

export interface ComposerProps {
  agentName: string;
  /** This page's turn is running: input is disabled and Stop replaces Send. */
  running: boolean;
  /** Another client's turn is running in this conversation; it can be stopped from here too. */
  busyElsewhere: boolean;
  /** Why the last message was refused before its turn started. */
  sendError: unknown;
  /** Resolves false when the message was refused, so the draft is put back. */
  onSend: (content: string) => Promise<boolean>;
  onStop: () => void;
  /**
   * Opens the prompt variables; offered when a message was refused because the system prompt template
   * could not be rendered. Left out for agents with an inline prompt.
   */
  onSetVariables?: (() => void) | undefined;
}

function sendErrorTitle(error: unknown, variablesRefused: boolean): string {
  if (variablesRefused) return 'The system prompt could not be rendered';
  return isApiError(error) ? (knownTurnErrorTitle(error.code) ?? error.title) : 'The message was not sent';
}

/** Where a message is written. Enter sends; Shift+Enter starts a new line. */
export function Composer({ agentName, running, busyElsewhere, sendError, onSend, onStop, onSetVariables }: ComposerProps) {
  const [draft, setDraft] = useState('');
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const locked = running || busyElsewhere;
  const variablesRefused = onSetVariables !== undefined && isVariablesRefusal(sendError);
  const refused = refusedVariables(sendError);

  // The textarea was disabled while the turn ran, which dropped focus: hand it back for the next message.
  // Only then, not on mount, so opening a conversation from the list leaves keyboard focus in the list.
  const wasLocked = useRef(locked);
  useEffect(() => {
    if (wasLocked.current && !locked) textareaRef.current?.focus();
    wasLocked.current = locked;
  }, [locked]);

  // A refusal answered elsewhere (the variables dialog) clears the error: the kept draft is next.
  const hadError = useRef(sendError !== null);
  useEffect(() => {
    if (hadError.current && sendError === null && !locked) textareaRef.current?.focus();
    hadError.current = sendError !== null;
  }, [sendError, locked]);

  const send = async () => {
    const content = draft.trim();
    if (content === '' || locked) return;
    setDraft('');
    const accepted = await onSend(content);
    if (!accepted) setDraft((current) => (current === '' ? content : current));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Not while an input method is composing: its Enter picks a candidate.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  };

  return (
    <form onSubmit={onSubmit} className="border-t border-slate-200 bg-white px-5 py-4">
      {sendError !== null && (
        <Notice
          tone="danger"
          className="mb-3"
          title={sendErrorTitle(sendError, variablesRefused)}
          actions={
            variablesRefused && (
              <Button size="sm" onClick={onSetVariables} icon={<Braces className="size-3.5" aria-hidden="true" />}>
                Set variables
              </Button>
            )
          }
        >
          {errorMessage(sendError)}
          {variablesRefused && refused.length > 0 && (
            <ul className="mt-1 list-inside list-disc font-mono text-xs">
              {refused.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      {busyElsewhere && (
        <p role="status" className="mb-2 text-xs text-amber-700">
          A reply is being written in another window. You can wait for it, or stop it.
        </p>
      )}
      <div className="flex items-end gap-3">
        <Textarea
          ref={textareaRef}
          aria-label="Message"
          aria-describedby={hintId}
          rows={2}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          disabled={locked}
          placeholder={`Message ${agentName}…`}
          className="max-h-48 min-h-[2.75rem] resize-none"
        />
        {locked ? (
          <Button onClick={onStop} icon={<Square className="size-3.5 fill-current" aria-hidden="true" />}>
            Stop
          </Button>
        ) : (
          <Button
            type="submit"
            variant="primary"
            disabled={draft.trim() === ''}
            icon={<SendHorizontal className="size-4" aria-hidden="true" />}
          >
            Send
          </Button>
        )}
      </div>
      <p id={hintId} className="mt-1.5 text-[11px] text-slate-400">
        Enter sends · Shift+Enter for a new line
      </p>
    </form>
  );
}
