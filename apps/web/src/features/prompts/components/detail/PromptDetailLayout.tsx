import { useState } from 'react';
import { Outlet, useParams } from 'react-router';
import type { PromptOutletContext } from '../../hooks/usePromptOutlet';
import { usePromptPermissions } from '../../hooks/usePromptPermissions';
import { usePrompt } from '../../queries';
import { PromptDetailsDialog } from './PromptDetailsDialog';
import { PromptHeader } from './PromptHeader';
import { PromptQueryBoundary } from './PromptQueryBoundary';
import { PromptTabs } from './PromptTabs';

/** One template: its header and tabs; the tab routes render below with the loaded template. */
export function PromptDetailLayout() {
  const { name = '' } = useParams();
  const query = usePrompt(name);
  const { canUpdate } = usePromptPermissions();
  const [editingDetails, setEditingDetails] = useState(false);

  return (
    <PromptQueryBoundary name={name} query={query}>
      {(prompt) => (
        <>
          <title>{`${prompt.name} · Prompts · Agent Fleet`}</title>
          <PromptHeader prompt={prompt} onEditDetails={canUpdate ? () => setEditingDetails(true) : undefined} />
          <PromptTabs name={prompt.name} />
          <Outlet context={{ prompt } satisfies PromptOutletContext} />
          {editingDetails && <PromptDetailsDialog prompt={prompt} open onClose={() => setEditingDetails(false)} />}
        </>
      )}
    </PromptQueryBoundary>
  );
}
