import type { DashboardState, ProviderHealth } from '@agent-fleet/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { formatNumber } from '../../../lib/format';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

const HEALTH_TONES: Record<ProviderHealth, BadgeTone> = {
  healthy: 'green',
  degraded: 'amber',
  failing: 'red',
  idle: 'slate',
  unconfigured: 'slate',
};

const linkClass = 'hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600';

function Tile({ title, to, children }: { title: string; to?: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="min-w-0 rounded-xl bg-white px-4 py-3.5 shadow-xs ring-1 ring-slate-200">
      <h2 className="text-xs font-medium text-slate-500">
        {to ? (
          <Link to={to} className={linkClass}>
            {title}
          </Link>
        ) : (
          title
        )}
      </h2>
      <div className="mt-1.5 text-sm text-slate-700">{children}</div>
    </section>
  );
}

/** "label count" pairs, zero ones left out. */
function Counts({ items }: { items: readonly [string, number, BadgeTone][] }) {
  const shown = items.filter(([, count]) => count > 0);
  if (shown.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-1.5">
      {shown.map(([label, count, tone]) => (
        <li key={label}>
          <Badge tone={tone}>
            {formatNumber(count)} {label}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** Uptime in the largest units that matter: "3 d 4 h", "2 h 5 min", "40 s". */
export function formatUptime(seconds: number): string {
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${s} s`;
}

/** The workspace as it is now: agents, runs, fleet queues, providers and the server. */
export function StateTiles({ state }: { state: DashboardState }) {
  const { agents, runs, fleets, providers, server } = state;
  const queued = fleets.reduce((sum, fleet) => sum + fleet.queued, 0);
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5">
      <Tile title="Agents" to="/agents">
        <p className="text-lg font-semibold text-slate-900 tabular-nums">{formatNumber(agents.total)}</p>
        <Counts
          items={[
            ['busy', agents.observed.busy, 'indigo'],
            ['idle', agents.observed.idle, 'neutral'],
            ['in error', agents.observed.error, 'red'],
            ['offline', agents.observed.offline, 'slate'],
            ['paused', agents.admin.paused, 'amber'],
            ['draining', agents.admin.draining, 'amber'],
            ['disabled', agents.admin.disabled, 'slate'],
          ]}
        />
      </Tile>
      <Tile title="Pipeline runs" to="/runs">
        <p className="text-lg font-semibold text-slate-900 tabular-nums">
          {formatNumber(runs.running)} <span className="text-sm font-normal text-slate-500">running</span>
        </p>
        <p className="mt-1 text-xs text-slate-500">
          {formatNumber(runs.queued)} queued ·{' '}
          {runs.waitingForApproval > 0 ? (
            <Link to="/approvals" className={`font-medium text-amber-700 ${linkClass}`}>
              {formatNumber(runs.waitingForApproval)} awaiting approval
            </Link>
          ) : (
            '0 awaiting approval'
          )}
        </p>
      </Tile>
      <Tile title="Fleet queues" to="/fleets">
        <p className="text-lg font-semibold text-slate-900 tabular-nums">
          {formatNumber(queued)} <span className="text-sm font-normal text-slate-500">queued</span>
        </p>
        {fleets.length === 0 ? (
          <p className="mt-1 text-xs text-slate-500">No fleets yet.</p>
        ) : (
          <ul className="mt-1 flex flex-col gap-0.5 text-xs">
            {fleets.slice(0, 3).map((fleet) => (
              // Wraps the counts under the name when both do not fit, rather than cutting the name to a letter.
              <li key={fleet.id} className="flex flex-wrap justify-between gap-x-2">
                <Link to={`/fleets/${fleet.id}`} className={`max-w-full truncate ${linkClass}`}>
                  {fleet.name}
                </Link>
                <span className="shrink-0 text-slate-500 tabular-nums">
                  {formatNumber(fleet.queued)} queued · {formatNumber(fleet.running)} running
                </span>
              </li>
            ))}
          </ul>
        )}
      </Tile>
      <Tile title="Providers">
        {providers.length === 0 ? (
          <p className="text-xs text-slate-500">None configured.</p>
        ) : (
          <ul className="flex flex-col gap-1 text-xs">
            {providers.map((provider) => (
              <li key={provider.id} className="flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5">
                <span className="max-w-full truncate font-medium text-slate-800">{provider.id}</span>
                <span className="flex shrink-0 items-center gap-1.5">
                  {provider.calls > 0 && (
                    <span className="text-slate-500 tabular-nums" title="Failed calls in the last hour">
                      {percent.format(provider.errorRate)} err
                    </span>
                  )}
                  <Badge tone={HEALTH_TONES[provider.health]} dot>
                    {provider.health}
                  </Badge>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Tile>
      <Tile title="Server">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
          <dt className="text-slate-500">Version</dt>
          <dd className="truncate">{server.version}</dd>
          <dt className="text-slate-500">Uptime</dt>
          <dd>{formatUptime(server.uptimeSeconds)}</dd>
          <dt className="text-slate-500">Database</dt>
          <dd>{server.database === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)'}</dd>
          <dt className="text-slate-500">Instances</dt>
          <dd>{formatNumber(server.instancesAlive)} alive</dd>
        </dl>
      </Tile>
    </div>
  );
}
