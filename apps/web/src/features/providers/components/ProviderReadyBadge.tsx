import { Badge } from '../../../components/ui/Badge';

/** Ready means calls can be made: a key is set where the kind needs one. */
export function ProviderReadyBadge({ ready }: { ready: boolean }) {
  return ready ? (
    <Badge tone="green" dot>
      Ready
    </Badge>
  ) : (
    <Badge tone="amber" dot>
      Needs a key
    </Badge>
  );
}
