import type { Agent } from '@agent-fleet/contracts';
import { RefreshCw } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { Notice } from '../../../components/ui/Notice';
import { PageHeader } from '../../../components/ui/PageHeader';
import { useToast } from '../../../components/ui/useToast';
import { isStaleVersionError } from '../../../lib/api-error';
import { useUpdateAgent } from '../api';
import { useUnsavedChangesPrompt } from '../hooks/useUnsavedChangesPrompt';
import { changedFields } from '../form/agent-changes';
import { agentToFormValues } from '../form/agent-form-values';
import type { AgentFormData } from '../form/validate-agent-form';
import { AgentForm } from './AgentForm';
import { AgentObservedStateBadge } from './AgentObservedStateBadge';

export interface AgentEditorProps {
  /** The newest copy known to the cache; may move ahead of what the user is editing. */
  latest: Agent;
  /** Fetches the agent again and resolves with the fresh copy. */
  onReload: () => Promise<Agent | undefined>;
}

export function AgentEditor({ latest, onReload }: AgentEditorProps) {
  const navigate = useNavigate();
  const toast = useToast();
  const update = useUpdateAgent();
  // The version being edited. It only changes on an explicit reload, so a background refetch never
  // wipes what the user typed; its version is what If-Match sends.
  const [base, setBase] = useState(latest);
  // The version a save was refused for. Compared with `base`, so a refusal that arrives after a
  // reload (for the old version) does not flag the fresh copy.
  const [refusedVersion, setRefusedVersion] = useState<number | null>(null);
  const [reloading, setReloading] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChangesPrompt(dirty);

  // A refused save moves focus (and the viewport) to the explanation; a conflict merely noticed by a
  // background refetch does not, so it never steals focus mid-typing.
  useEffect(() => {
    if (refusedVersion !== null) noticeRef.current?.focus();
  }, [refusedVersion]);
  const initialValues = useMemo(() => agentToFormValues(base), [base]);
  const detailPath = `/agents/${base.id}`;
  const outdated = refusedVersion === base.version || (latest.version !== base.version && !update.isSuccess);

  const handleSubmit = async (data: AgentFormData) => {
    const patch = changedFields(base, data);
    if (Object.keys(patch).length === 0) {
      toast.show({ title: 'No changes to save' });
      await navigate(detailPath);
      return;
    }
    try {
      await update.mutateAsync({ id: base.id, version: base.version, patch });
    } catch (error) {
      if (isStaleVersionError(error)) {
        setRefusedVersion(base.version);
        return;
      }
      throw error;
    }
    unsaved.allowNextNavigation();
    toast.success('Changes saved', `“${data.name}” is now on version ${base.version + 1}.`);
    await navigate(detailPath);
  };

  const reload = async () => {
    setReloading(true);
    try {
      const fresh = await onReload();
      if (fresh) setBase(fresh);
    } finally {
      setReloading(false);
    }
  };

  const notice = outdated ? (
    <div ref={noticeRef} tabIndex={-1} className="mb-6 scroll-mt-20 rounded-xl outline-none">
      <Notice
        tone="warning"
        title="This agent was changed by someone else — reload"
        actions={
          <Button
            size="sm"
            onClick={() => void reload()}
            loading={reloading}
            icon={<RefreshCw className="size-3.5" aria-hidden="true" />}
          >
            Reload
          </Button>
        }
      >
        You are editing version {base.version}; a newer version exists, so saving is refused. Reloading shows the latest values
        and discards your unsaved changes.
      </Notice>
    </div>
  ) : null;

  return (
    <>
      <title>{`Edit ${base.name} · Agent Fleet`}</title>
      <PageHeader
        title={`Edit ${base.name}`}
        meta={<AgentObservedStateBadge state={latest.observedState} />}
        description={`Version ${base.version}. Saving creates version ${base.version + 1}.`}
      />
      <AgentForm
        key={base.version}
        mode="edit"
        agentId={base.id}
        initialValues={initialValues}
        onSubmit={handleSubmit}
        onCancel={() => void navigate(detailPath)}
        notice={notice}
        onDirtyChange={setDirty}
      />
      {unsaved.prompt}
    </>
  );
}
