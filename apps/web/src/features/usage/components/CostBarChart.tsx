import type { UsageRow } from '@agent-fleet/contracts';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../../lib/format';
import { formatCost } from '../format-cost';
import { AXIS_TICK, CHART_COLORS, GRID_STROKE, INITIAL_CHART_SIZE } from './chart-theme';
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
      <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL_CHART_SIZE}>
        <BarChart data={top} layout="vertical" accessibilityLayer={false} margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
          <XAxis
            type="number"
            tickFormatter={(value: number) => formatCost(value)}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
          />
          <YAxis
            type="category"
            dataKey="label"
            tickFormatter={(value: string) => truncate(value)}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={150}
          />
          <Tooltip cursor={{ fill: '#f1f5f9' }} formatter={(value) => [formatCost(Number(value)), 'Cost']} />
          <Bar dataKey="costUsd" name="Cost" fill={CHART_COLORS.cost} radius={[0, 3, 3, 0]} maxBarSize={22} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
