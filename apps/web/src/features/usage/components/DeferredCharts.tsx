import { lazy, Suspense, type ComponentProps } from 'react';
import { Card } from '../../../components/ui/Card';
import { Skeleton } from '../../../components/ui/Skeleton';

// The charting library is the second largest of the app: the page's numbers and tables render
// without waiting for it, and the charts fill in once it arrives.
const UsageSeriesChartsImpl = lazy(() => import('./UsageSeriesCharts').then((module) => ({ default: module.UsageSeriesCharts })));
const CostBarChartImpl = lazy(() => import('./CostBarChart').then((module) => ({ default: module.CostBarChart })));

export function UsageSeriesCharts(props: ComponentProps<typeof UsageSeriesChartsImpl>) {
  return (
    <Suspense fallback={<ChartLoading className="h-72" />}>
      <UsageSeriesChartsImpl {...props} />
    </Suspense>
  );
}

export function CostBarChart(props: ComponentProps<typeof CostBarChartImpl>) {
  return (
    <Suspense
      fallback={
        <Card title={props.title}>
          <ChartLoading className="h-60" />
        </Card>
      }
    >
      <CostBarChartImpl {...props} />
    </Suspense>
  );
}

function ChartLoading({ className }: { className: string }) {
  return (
    <div role="status" aria-label="Loading the chart">
      <Skeleton className={className} />
    </div>
  );
}
