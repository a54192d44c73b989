import type { AuditEvent } from '@agent-fleet/contracts';
import { KeyRound, UserRound, UserX } from 'lucide-react';

/** Who acted: a person (by email), an API key (by prefix), or nobody signed in. */
export function AuditActor({ event }: { event: AuditEvent }) {
  const { actorType, actorLabel } = event;
  const Icon = actorType === 'api_key' ? KeyRound : actorType === 'user' ? UserRound : UserX;
  const kind = actorType === 'api_key' ? 'API key' : actorType === 'user' ? 'User' : 'Anonymous';
  return (
    <span className="flex min-w-0 items-center gap-2" title={event.actorId ?? undefined}>
      <Icon className="size-3.5 shrink-0 text-slate-400" aria-hidden="true" />
      <span className="sr-only">{kind}: </span>
      <span className={actorType === 'api_key' ? 'truncate font-mono text-xs' : 'truncate'}>
        {actorLabel ?? (actorType === 'anonymous' ? 'Anonymous' : '—')}
      </span>
    </span>
  );
}
