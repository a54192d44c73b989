import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Notice } from '../../../../components/ui/Notice';
import { useFocusFirstError } from '../../../../lib/useFocusFirstError';
import { checkDraft, type PromptDraft, type VersionContent } from '../../draft/prompt-draft';
import { checkMeta, type PromptMeta, type PromptMetaDraft } from '../../draft/prompt-meta';
import { noSaveProblems, sortSaveError } from '../../draft/save-errors';
import { usePromptEditor } from '../../hooks/usePromptEditor';
import { SaveErrorBanner } from '../shared/SaveErrorBanner';
import { DraftPreview } from './DraftPreview';
import { EditorSaveBar } from './EditorSaveBar';
import { ModelConfigCard } from './ModelConfigCard';
import { PromptMetadataCard } from './PromptMetadataCard';
import { TemplateSourceCard } from './TemplateSourceCard';
import { VariablesPanel } from './VariablesPanel';

export interface PromptEditorFormProps {
  mode: 'create' | 'version';
  initialDraft: PromptDraft;
  /** Required when creating: the name and filing fields start from it. */
  initialMeta?: PromptMetaDraft;
  /** The template a new version is saved to. */
  templateName?: string;
  /** Shows the draft without letting it be changed or saved, for roles that may only read. */
  readOnly?: boolean;
  /**
   * Saves the draft. Rejecting with an ApiError shows its problems beside the fields they concern
   * and the rest in a banner; the form stays editable.
   */
  onSave: (content: VersionContent, meta: PromptMeta | null) => Promise<void>;
  onCancel?: () => void;
  /** Told whether the draft differs from where it started, e.g. to warn before leaving. */
  onDirtyChange?: (dirty: boolean) => void;
  /** Shown beside the save button, e.g. "Version 4 saved". */
  status?: ReactNode;
}

/** Writes a template version: source with live diagnostics, variables, model defaults and a live preview. */
export function PromptEditorForm(props: PromptEditorFormProps) {
  const { mode, initialDraft, initialMeta, templateName, readOnly = false, onSave, onCancel, onDirtyChange, status } = props;
  const editor = usePromptEditor({ initialDraft, initialMeta, templateName });
  const { draft, meta, problems } = editor;
  const [saving, setSaving] = useState(false);
  const { ref, focusFirstError } = useFocusFirstError<HTMLFormElement>();
  const metaCheck = meta ? checkMeta(meta) : null;
  const metaErrors = { ...(editor.attempted && metaCheck && !metaCheck.ok ? metaCheck.errors : {}), ...problems.meta };

  useEffect(() => {
    onDirtyChange?.(editor.dirty);
  }, [editor.dirty, onDirtyChange]);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving || readOnly) return;
    editor.markAttempted();
    const checked = checkDraft(draft);
    if (!checked.ok || (metaCheck && !metaCheck.ok) || editor.hasErrorDiagnostics) {
      focusFirstError();
      return;
    }
    setSaving(true);
    editor.setProblems(noSaveProblems());
    try {
      await onSave(checked.input, metaCheck?.ok ? metaCheck.meta : null);
    } catch (error) {
      editor.setProblems(
        sortSaveError(
          error,
          draft.variables.map((variable) => variable.key),
        ),
      );
      focusFirstError();
    } finally {
      setSaving(false);
    }
  };

  const blockedReason = editor.hasErrorDiagnostics
    ? 'Fix the errors in the template to save'
    : mode === 'version' && !editor.dirty
      ? 'No changes yet'
      : undefined;

  return (
    <form ref={ref} noValidate onSubmit={handleSubmit} aria-busy={saving || undefined}>
      {readOnly && (
        <Notice className="mb-6" title="Read only">
          Your role can view this prompt and try it in the playground, but not save new versions.
        </Notice>
      )}
      {problems.banner && <SaveErrorBanner {...problems.banner} />}
      {meta && (
        <div className="mb-6">
          <PromptMetadataCard meta={meta} onChange={editor.changeMeta} errors={metaErrors} disabled={saving} />
        </div>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="flex min-w-0 flex-col gap-6">
          <TemplateSourceCard
            draft={draft}
            onChange={editor.changeDraft}
            diagnostics={editor.diagnostics}
            analyzed={editor.analyzed}
            checking={editor.checking}
            blockedReason={editor.declarations === null ? 'Fix the variable declarations to check the template' : undefined}
            variableNames={draft.variables.map((variable) => variable.name.trim()).filter(Boolean)}
            onDeclare={readOnly ? undefined : editor.declare}
            readOnly={readOnly}
          />
          <VariablesPanel
            variables={draft.variables}
            onChange={(variables) => editor.changeDraft({ variables })}
            errors={editor.variableErrors}
            diagnostics={editor.diagnostics}
            disabled={readOnly || saving}
          />
          <ModelConfigCard draft={draft} onChange={editor.changeDraft} errors={problems.config} readOnly={readOnly || saving} />
        </div>
        <aside className="min-w-0 lg:sticky lg:top-20 lg:self-start">
          <DraftPreview source={editor.source} declarations={editor.declarations} name={templateName} />
        </aside>
      </div>
      {!readOnly && (
        <EditorSaveBar
          mode={mode}
          commitMessage={draft.commitMessage}
          onCommitMessageChange={(commitMessage) => editor.changeDraft({ commitMessage })}
          commitError={problems.commitMessage}
          saving={saving}
          disabled={blockedReason !== undefined}
          note={!editor.dirty && status ? status : blockedReason}
          onCancel={onCancel}
        />
      )}
    </form>
  );
}
