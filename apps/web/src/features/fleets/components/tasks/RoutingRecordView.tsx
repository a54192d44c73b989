import type { FleetRoutingRecord, RoutingCandidate } from '@agent-fleet/contracts';
import { clsx } from 'clsx';
import { Link } from 'react-router';
import { Badge } from '../../../../components/ui/Badge';
import { formatNumber } from '../../../../lib/format';
import { STRATEGY_META } from '../../fleet-meta';
import { EXCLUSION_LABELS } from '../../task-meta';
import { TaskTime } from './TaskTime';

export interface RoutingRecordViewProps {
  record: FleetRoutingRecord;
  names: ReadonlyMap<string, string>;
}

/** Chosen first, then by rank, then the excluded ones. */
const order = (record: FleetRoutingRecord) =>
  [...record.candidates].sort((a, b) => {
    const chosen = Number(record.chosen.includes(b.agentId)) - Number(record.chosen.includes(a.agentId));
    return chosen !== 0 ? chosen : (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY);
  });

function CandidateStanding({ candidate }: { candidate: RoutingCandidate }) {
  if (!candidate.eligible) {
    return <span className="text-red-700">Excluded: {candidate.excluded.map((code) => EXCLUSION_LABELS[code]).join(', ')}</span>;
  }
  const parts = [candidate.rank === null ? null : `Rank ${candidate.rank}`];
  if (candidate.score !== null) parts.push(`score ${formatNumber(candidate.score)}`);
  return <span>{parts.filter(Boolean).join(' · ') || 'Eligible'}</span>;
}

/** One routing decision: the reason, the strategy and its time, and every member it weighed. */
export function RoutingRecordView({ record, names }: RoutingRecordViewProps) {
  return (
    <section
      aria-label={`Routing of attempt ${record.attempt}`}
      className="flex flex-col gap-3 rounded-xl p-4 ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h4 className="text-sm font-semibold text-slate-900">Attempt {record.attempt}</h4>
        <p className="text-xs text-slate-500">
          {STRATEGY_META[record.strategy].label} · decided in {formatNumber(record.decisionMs)} ms ·{' '}
          <TaskTime value={record.createdAt} />
        </p>
      </div>
      <p className="text-sm break-words text-slate-800">
        <span className="font-medium">Why: </span>
        {record.reason}
      </p>
      <ul aria-label="Candidates" className="flex flex-col divide-y divide-slate-100 rounded-lg ring-1 ring-slate-100">
        {order(record).map((candidate) => {
          const chosen = record.chosen.includes(candidate.agentId);
          return (
            <li
              key={candidate.agentId}
              aria-current={chosen ? 'true' : undefined}
              className={clsx(
                'flex flex-col gap-1 px-3 py-2 text-sm sm:flex-row sm:items-baseline sm:gap-3',
                chosen && 'bg-indigo-50/70',
              )}
            >
              <span className="flex min-w-0 items-center gap-2 sm:w-48 sm:shrink-0">
                <Link
                  to={`/agents/${candidate.agentId}`}
                  className="min-w-0 font-medium break-words text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {names.get(candidate.agentId) ?? 'Former member'}
                </Link>
                {chosen && <Badge tone="indigo">Chosen</Badge>}
                {record.aggregator === candidate.agentId && <Badge tone="sky">Aggregator</Badge>}
              </span>
              <span className="text-slate-700 sm:w-44 sm:shrink-0">
                <CandidateStanding candidate={candidate} />
              </span>
              <span className="min-w-0 break-words text-slate-500">{candidate.note}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
