import type { UsageRow } from '@agent-fleet/contracts';
import { formatNumber } from '../../../lib/format';
import { formatCost } from '../format-cost';
import { BarChart } from './BarChart';
import { CHART_COLORS } from './chart-theme';
import { ChartCard } from './ChartCard';

/** Bars beyond this many make the labels unreadable; the rest of the spend is in the tables. */
const MAX_BARS = 8;

export interface CostBarChartProps {
  title: string;
  description?: string;
  /** What a row is, for the data table's first column, e.g. "Agent". */
  rowLabel: string;
  rows: readonly UsageRow[];
}

const truncate = (text: string, max = 22) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The biggest spenders of a grouping (agent, model…) as horizontal bars, largest first. */
export function CostBarChart({ title, description, rowLabel, rows }: CostBarChartProps) {
  const top = [...rows].sort((a, b) => b.costUsd - a.costUsd).slice(0, MAX_BARS);
  return (
    <ChartCard
      title={title}
      description={description}
      empty="No spend in this range."
      data={{
        columns: [rowLabel, 'Cost', 'Calls'],
        rows: top.map((row) => ({ key: row.key, cells: [row.label, formatCost(row.costUsd), formatNumber(row.calls)] })),
      }}
    >
      <BarChart
        layout="bars"
        data={top}
        rowKey={(row) => row.key}
        label={(row) => truncate(row.label)}
        tooltipLabel={(row) => row.label}
        series={[{ name: 'Cost', color: CHART_COLORS.cost, value: (row) => row.costUsd }]}
        formatTick={formatCost}
        formatValue={formatCost}
        axisWidth={150}
        maxBarSize={22}
      />
    </ChartCard>
  );
}
