import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';

export interface UnsavedChangesPrompt {
  /** Render this; it is the confirmation dialog shown when navigation is held back. */
  prompt: ReactNode;
  /** Lets the next navigation through, e.g. right after a successful save. */
  allowNextNavigation: () => void;
}

/**
 * Asks before leaving a page with unsaved edits: in-app navigation gets a dialog, closing or
 * reloading the tab gets the browser's own prompt.
 */
export function useUnsavedChangesPrompt(dirty: boolean): UnsavedChangesPrompt {
  // A ref, not state: the save handler navigates in the same tick, before any re-render.
  const allowed = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !allowed.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const allowNextNavigation = useCallback(() => {
    allowed.current = true;
  }, []);

  const prompt = (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title="Discard unsaved changes?"
      description="You have edits that are not saved yet. Leaving this page throws them away."
      confirmLabel="Discard changes"
      cancelLabel="Keep editing"
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    />
  );
  return { prompt, allowNextNavigation };
}
