import { Badge } from '../../../components/ui/Badge';

export interface ProviderReadyBadgeProps {
  /** A key is set where the kind needs one. */
  ready: boolean;
  /** The last connection test in this page failed: the configuration alone does not make it ready. */
  testFailed?: boolean;
}

/** Ready means calls can be made: a key is set where the kind needs one, and no test says otherwise. */
export function ProviderReadyBadge({ ready, testFailed = false }: ProviderReadyBadgeProps) {
  if (!ready)
    return (
      <Badge tone="amber" dot>
        Needs a key
      </Badge>
    );
  return testFailed ? (
    <Badge tone="red" dot>
      Not reachable
    </Badge>
  ) : (
    <Badge tone="green" dot>
      Ready
    </Badge>
  );
}
