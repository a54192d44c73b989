import type { Conversation } from '@agent-fleet/contracts';
import { useId } from 'react';
import { Button } from '../../../components/ui/Button';
import { DescriptionList } from '../../../components/ui/DescriptionList';
import { Dialog } from '../../../components/ui/Dialog';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useToast } from '../../../components/ui/useToast';
import { formatDefault } from '../../prompts/draft/format-default';
import { useSetConversationVariables } from '../api';
import { useTemplateVariables } from '../hooks/useTemplateVariables';
import type { ConversationVariables } from '../prompt-variables';
import { DeclaredVariablesForm, type VariablesProblem } from './DeclaredVariablesForm';
import { JsonVariablesForm } from './JsonVariablesForm';

export interface ConversationVariablesDialogProps {
  conversation: Conversation;
  /** The agent's system prompt template, `name@label` or `name@version`. */
  templateRef: string;
  /** False for roles that may only read (no agents:execute): the values are listed, not edited. */
  canEdit: boolean;
  /** The refused message that led here, if any: its variable problems show until the first save. */
  refusal?: unknown;
  onClose: () => void;
  /** After the server stored the new values. */
  onSaved?: () => void;
}

/**
 * The conversation's values for its agent's system prompt template. Mounted while open, so each
 * opening starts from the stored values.
 */
export function ConversationVariablesDialog({
  conversation,
  templateRef,
  canEdit,
  refusal,
  onClose,
  onSaved,
}: ConversationVariablesDialogProps) {
  const template = useTemplateVariables(templateRef, canEdit);
  const save = useSetConversationVariables();
  const toast = useToast();
  const formId = useId();

  const problem: VariablesProblem | null = save.error
    ? { title: 'The variables were not saved', error: save.error }
    : save.isIdle && refusal !== null && refusal !== undefined
      ? { title: 'The last message was refused', error: refusal }
      : null;

  const submit = (variables: ConversationVariables) =>
    save.mutate(
      { id: conversation.id, variables },
      {
        onSuccess: () => {
          toast.success('Variables saved', 'The next reply uses them.');
          onSaved?.();
          onClose();
        },
      },
    );

  const body = () => {
    if (!canEdit) return <StoredVariables variables={conversation.variables} />;
    switch (template.status) {
      case 'loading':
        return (
          <div role="status" aria-label="Loading the template's variables" className="flex flex-col gap-3">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-9 w-full" />
          </div>
        );
      case 'declared':
        if (template.declarations.length > 0) {
          return (
            <DeclaredVariablesForm
              id={formId}
              declarations={template.declarations}
              stored={conversation.variables}
              problem={problem}
              onSubmit={submit}
            />
          );
        }
        return (
          <JsonVariablesForm
            id={formId}
            stored={conversation.variables}
            reason={`Version ${template.version} of the template declares no variables; values set here are still passed to it.`}
            problem={problem}
            onSubmit={submit}
          />
        );
      case 'unknown':
        return (
          <JsonVariablesForm
            id={formId}
            stored={conversation.variables}
            reason={template.reason}
            problem={problem}
            onSubmit={submit}
          />
        );
    }
  };

  const version = template.status === 'declared' ? ` (version ${template.version})` : '';
  return (
    <Dialog
      open
      onClose={onClose}
      title="Prompt variables"
      description={
        <>
          Values for the system prompt <span className="font-mono">{templateRef}</span>
          {version}, used on every reply of this conversation.
        </>
      }
      dismissible={!save.isPending}
      footer={
        canEdit ? (
          <>
            <Button onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button
              type="submit"
              form={formId}
              variant="primary"
              loading={save.isPending}
              disabled={template.status === 'loading'}
            >
              Save variables
            </Button>
          </>
        ) : (
          <Button onClick={onClose}>Close</Button>
        )
      }
    >
      {body()}
    </Dialog>
  );
}

/** The stored values as they are, for roles that cannot change them. */
function StoredVariables({ variables }: { variables: ConversationVariables }) {
  const entries = Object.entries(variables);
  if (entries.length === 0)
    return <p className="text-sm text-slate-500">No variables are set: the template&apos;s defaults apply.</p>;
  return (
    <DescriptionList
      items={entries.map(([name, value]) => ({
        label: name,
        value: <span className="font-mono text-xs break-all">{formatDefault(value)}</span>,
      }))}
    />
  );
}
