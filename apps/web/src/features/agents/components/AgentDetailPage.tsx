import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { usePermission } from '../../auth/usePermission';
import { useAgent } from '../api';
import { AgentDetails } from './AgentDetails';
import { AgentQueryBoundary } from './AgentQueryBoundary';
import { DeleteAgentDialog } from './DeleteAgentDialog';

export function AgentDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const query = useAgent(id);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const canEdit = usePermission('agents:update');
  const canDelete = usePermission('agents:delete');
  const canManage = usePermission('agents:manage');

  return (
    <AgentQueryBoundary query={query}>
      {(agent) => (
        <>
          <AgentDetails
            agent={agent}
            onEdit={canEdit ? () => void navigate(`/agents/${agent.id}/edit`) : undefined}
            onDelete={canDelete ? () => setConfirmingDelete(true) : undefined}
            canManage={canManage}
          />
          <DeleteAgentDialog
            agent={confirmingDelete ? agent : null}
            onClose={() => setConfirmingDelete(false)}
            onDeleted={() => void navigate('/agents', { replace: true })}
          />
        </>
      )}
    </AgentQueryBoundary>
  );
}
