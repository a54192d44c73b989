import { useState } from 'react';
import { useToast } from '../../../components/ui/useToast';
import { useDeletePromptLabel, useMovePromptLabel } from '../mutations';

export interface LabelFailure {
  label: string;
  /** What was attempted, e.g. "Move production to v2". */
  action: string;
  error: unknown;
}

/**
 * Moving and removing a template's labels, with the outcome told by toast and a refusal (a
 * protected label without `prompts:manage`) kept on screen until the next attempt.
 */
export function useLabelActions(name: string) {
  const move = useMovePromptLabel();
  const remove = useDeletePromptLabel();
  const toast = useToast();
  const [failure, setFailure] = useState<LabelFailure | null>(null);

  const moveLabel = async (label: string, version: number, previous?: number) => {
    setFailure(null);
    try {
      await move.mutateAsync({ name, label, version });
      toast.success(
        `${label} now points to version ${version}`,
        previous === undefined ? undefined : `It was on version ${previous}.`,
      );
      return true;
    } catch (error) {
      setFailure({ label, action: `Move ${label} to version ${version}`, error });
      return false;
    }
  };

  const deleteLabel = async (label: string) => {
    setFailure(null);
    try {
      await remove.mutateAsync({ name, label });
      toast.success(`Label ${label} removed`);
      return true;
    } catch (error) {
      setFailure({ label, action: `Remove ${label}`, error });
      return false;
    }
  };

  return {
    moveLabel,
    deleteLabel,
    /** The label change in flight, if any: `version` is where a move is taking it. */
    busy: move.isPending
      ? { label: move.variables.label, version: move.variables.version as number | undefined }
      : remove.isPending
        ? { label: remove.variables.label, version: undefined }
        : null,
    failure,
    dismissFailure: () => setFailure(null),
  };
}
