import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/ui/PageHeader';
import { useToast } from '../../../components/ui/useToast';
import { useCreateAgent } from '../api';
import { useUnsavedChangesPrompt } from '../hooks/useUnsavedChangesPrompt';
import type { AgentFormData } from '../form/validate-agent-form';
import { AgentForm } from './AgentForm';

export function AgentCreatePage() {
  const navigate = useNavigate();
  const toast = useToast();
  const create = useCreateAgent();
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChangesPrompt(dirty);

  const handleSubmit = async (data: AgentFormData) => {
    const agent = await create.mutateAsync(data);
    toast.success('Agent created', `“${agent.name}” is ready.`);
    unsaved.allowNextNavigation();
    await navigate(`/agents/${agent.id}`);
  };

  return (
    <div className="mx-auto max-w-5xl">
      <title>New agent · Agent Fleet</title>
      <PageHeader title="New agent" description="Give it a name and a model; everything else has sensible defaults." />
      <AgentForm mode="create" onSubmit={handleSubmit} onCancel={() => void navigate('/agents')} onDirtyChange={setDirty} />
      {unsaved.prompt}
    </div>
  );
}
