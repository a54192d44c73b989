import type { TaskError } from '@agent-fleet/contracts';
import { Notice } from '../../../components/ui/Notice';
import { turnErrorTitle } from '../turn-errors';

export interface TurnErrorNoticeProps {
  error: TaskError;
  /** Whether some of the reply was written before the failure, and is kept above. */
  partial: boolean;
  className?: string;
}

/** Why a turn ended badly: budget, iteration limit, provider failure … */
export function TurnErrorNotice({ error, partial, className }: TurnErrorNoticeProps) {
  return (
    <Notice tone="danger" title={turnErrorTitle(error)} className={className}>
      {error.message}
      {partial && <span className="mt-1 block text-xs opacity-80">The partial reply above is kept.</span>}
    </Notice>
  );
}
