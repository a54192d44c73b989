import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { useToast } from '../../../../components/ui/useToast';
import { useUnsavedChangesPrompt } from '../../../agents/hooks/useUnsavedChangesPrompt';
import { emptyPromptDraft, type VersionContent } from '../../draft/prompt-draft';
import { emptyMetaDraft, type PromptMeta } from '../../draft/prompt-meta';
import { useCreatePrompt } from '../../mutations';
import { PromptEditorForm } from './PromptEditorForm';

export function PromptCreatePage() {
  const navigate = useNavigate();
  const toast = useToast();
  const create = useCreatePrompt();
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChangesPrompt(dirty);
  const [initialDraft] = useState(emptyPromptDraft);
  const [initialMeta] = useState(emptyMetaDraft);

  const handleSave = async (content: VersionContent, meta: PromptMeta | null) => {
    if (!meta) return;
    const detail = await create.mutateAsync({ ...meta, ...content });
    toast.success('Prompt created', `“${detail.name}” is at version ${detail.latestVersion}.`);
    unsaved.allowNextNavigation();
    await navigate(`/prompts/${encodeURIComponent(detail.name)}`);
  };

  return (
    <>
      <title>New prompt · Agent Fleet</title>
      <PageHeader
        title="New prompt"
        description="Write the template, declare its variables and watch the preview; saving creates version 1."
      />
      <PromptEditorForm
        mode="create"
        initialDraft={initialDraft}
        initialMeta={initialMeta}
        onSave={handleSave}
        onCancel={() => void navigate('/prompts')}
        onDirtyChange={setDirty}
      />
      {unsaved.prompt}
    </>
  );
}
