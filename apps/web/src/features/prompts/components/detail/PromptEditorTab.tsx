import { RefreshCw } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Button } from '../../../../components/ui/Button';
import { Notice } from '../../../../components/ui/Notice';
import { useToast } from '../../../../components/ui/useToast';
import { useUnsavedChangesPrompt } from '../../../agents/hooks/useUnsavedChangesPrompt';
import { draftFromVersion, type VersionContent } from '../../draft/prompt-draft';
import { usePromptOutlet } from '../../hooks/usePromptOutlet';
import { usePromptPermissions } from '../../hooks/usePromptPermissions';
import { useSavePromptVersion } from '../../mutations';
import { PromptEditorForm } from '../editor/PromptEditorForm';

/** The newest version in the editor; saving appends the next version (versions are immutable). */
export function PromptEditorTab() {
  const { prompt } = usePromptOutlet();
  const { canUpdate } = usePromptPermissions();
  const save = useSavePromptVersion();
  const toast = useToast();
  // The version being edited. It only moves on our own save or an explicit reload, so a version
  // someone else saves meanwhile never wipes what the user typed.
  const [base, setBase] = useState(prompt.latest);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChangesPrompt(dirty);
  const initialDraft = useMemo(() => draftFromVersion(base), [base]);

  const handleSave = async (content: VersionContent) => {
    const detail = await save.mutateAsync({ name: prompt.name, input: content });
    setBase(detail.latest);
    setSavedVersion(detail.latestVersion);
    toast.success(`Version ${detail.latestVersion} saved`, 'Labels did not move: point one at it from History or Labels.');
  };

  return (
    <>
      {canUpdate && prompt.latestVersion !== base.version && (
        <Notice
          tone="warning"
          className="mb-6"
          title={`Version ${prompt.latestVersion} was saved since you started editing`}
          actions={
            <Button size="sm" onClick={() => setBase(prompt.latest)} icon={<RefreshCw className="size-3.5" aria-hidden="true" />}>
              Load version {prompt.latestVersion}
            </Button>
          }
        >
          Your draft is based on version {base.version}. Saving still works and creates version {prompt.latestVersion + 1};
          loading the newer version discards your unsaved changes.
        </Notice>
      )}
      {/* A role that cannot save is told so by the form ("Read only"), not promised a new version. */}
      <p className="mb-4 text-sm text-slate-500">
        {canUpdate ? 'Editing from' : 'Showing'} version {base.version}
        {base.commitMessage && <> — “{base.commitMessage}”</>}
        {canUpdate ? <>. Saving creates version {prompt.latestVersion + 1}.</> : '.'}
      </p>
      <PromptEditorForm
        key={base.version}
        mode="version"
        initialDraft={initialDraft}
        templateName={prompt.name}
        readOnly={!canUpdate}
        onSave={handleSave}
        onDirtyChange={setDirty}
        status={savedVersion !== null && savedVersion === base.version ? `Version ${savedVersion} saved` : undefined}
      />
      {unsaved.prompt}
    </>
  );
}
