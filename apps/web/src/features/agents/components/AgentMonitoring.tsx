import { useSearchParams } from 'react-router';
import { parseMetricsRange, useAgentMetrics, type MetricsRange } from '../../fleets/metrics-api';
import { MonitoringSection } from '../../fleets/components/metrics/MonitoringSection';

/** The agent's figures (its tasks of every kind and its ledger rows) over the range in the URL (`?range=7d`). */
export function AgentMonitoring({ agentId }: { agentId: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const range = parseMetricsRange(searchParams.get('range'));
  const query = useAgentMetrics(agentId, range);
  const onRangeChange = (next: MetricsRange) =>
    setSearchParams(
      (current) => {
        const params = new URLSearchParams(current);
        params.set('range', next);
        return params;
      },
      { preventScrollReset: true, replace: true },
    );
  return <MonitoringSection title="Monitoring" query={query} range={range} onRangeChange={onRangeChange} />;
}
