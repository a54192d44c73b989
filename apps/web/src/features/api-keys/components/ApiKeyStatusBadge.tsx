import type { ApiKey } from '@agent-fleet/contracts';
import { Badge } from '../../../components/ui/Badge';
import { apiKeyStatus } from '../api-key-status';

export function ApiKeyStatusBadge({ apiKey }: { apiKey: ApiKey }) {
  switch (apiKeyStatus(apiKey)) {
    case 'revoked':
      return (
        <Badge tone="red" dot>
          Revoked
        </Badge>
      );
    case 'expired':
      return (
        <Badge tone="amber" dot>
          Expired
        </Badge>
      );
    case 'active':
      return (
        <Badge tone="green" dot>
          Active
        </Badge>
      );
  }
}
