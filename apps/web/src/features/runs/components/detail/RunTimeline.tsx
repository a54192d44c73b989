import type { RunEvent } from '@agent-fleet/contracts';
import { clsx } from 'clsx';
import { useEffect, useState } from 'react';
import { formatElapsed } from '../../../../lib/format';
import { buildTimeline, type AttemptBar, type AttemptOutcome } from '../../timeline';

export interface RunTimelineProps {
  events: readonly RunEvent[];
  /** While the run is active, open bars grow with the clock. */
  live: boolean;
  selected: string | null;
  onSelect: (key: string) => void;
}

const BAR_COLOR: Record<AttemptOutcome, string> = {
  running: 'bg-sky-400',
  waiting: 'bg-sky-400',
  succeeded: 'bg-emerald-500',
  failed: 'bg-red-500',
  retrying: 'bg-orange-400',
  skipped: 'bg-slate-300',
  cancelled: 'bg-slate-400',
};

const TICK_MS = 1000;

function useNow(live: boolean): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [live]);
  return live ? now : undefined;
}

const percent = (value: number, span: number) => `${span === 0 ? 0 : (value / span) * 100}%`;

function Bar({ bar, span, end }: { bar: AttemptBar; span: number; end: number }) {
  const stop = bar.end ?? end;
  const waitingFrom = bar.waitingFrom;
  const label = `${bar.key} attempt ${bar.attempt}: ${bar.outcome}, ${formatElapsed(stop - bar.start)}`;
  return (
    <div
      role="img"
      aria-label={label}
      title={label}
      data-outcome={bar.outcome}
      className={clsx('absolute top-1 bottom-1 min-w-1 overflow-hidden rounded-sm', BAR_COLOR[bar.outcome])}
      style={{ left: percent(bar.start, span), width: percent(Math.max(0, stop - bar.start), span) }}
    >
      {waitingFrom !== null && (
        // The waiting part (a timer, an approval) is hatched: the step is open but not working.
        <span
          className="absolute inset-y-0 right-0 bg-amber-300 bg-[repeating-linear-gradient(45deg,transparent_0_4px,rgba(255,255,255,.5)_4px_8px)]"
          style={{ left: percent(waitingFrom - bar.start, Math.max(1, stop - bar.start)) }}
        />
      )}
    </div>
  );
}

/** A Gantt chart of every attempt, from the event log: one row per step run, one bar per attempt. */
export function RunTimeline({ events, live, selected, onSelect }: RunTimelineProps) {
  const now = useNow(live);
  const timeline = buildTimeline(events, now);
  if (timeline.bars.length === 0) return <p className="text-sm text-slate-500">No step has started yet.</p>;
  const keys = [...new Set(timeline.bars.map((bar) => bar.key))];
  const span = Math.max(1, timeline.span);
  return (
    <div aria-label="Timeline" role="group" className="flex flex-col gap-1">
      <div className="flex justify-between pl-[min(40%,12rem)] text-[11px] text-slate-400 tabular-nums">
        <span>0</span>
        <span>{formatElapsed(span / 2)}</span>
        <span>{formatElapsed(span)}</span>
      </div>
      {keys.map((key) => (
        <div key={key} className="flex items-center gap-2" data-timeline-row={key}>
          <button
            type="button"
            onClick={() => onSelect(key)}
            className={clsx(
              'w-[min(40%,12rem)] shrink-0 truncate text-left font-mono text-xs hover:text-indigo-600',
              key === selected ? 'font-semibold text-indigo-700' : 'text-slate-700',
            )}
            title={key}
          >
            {key}
          </button>
          <div className="relative h-6 min-w-0 flex-1 rounded bg-slate-50 ring-1 ring-slate-100">
            {timeline.bars
              .filter((bar) => bar.key === key)
              .map((bar) => (
                <Bar key={`${bar.attempt}-${bar.start}`} bar={bar} span={span} end={timeline.span} />
              ))}
          </div>
        </div>
      ))}
    </div>
  );
}
