import type { ReactNode } from 'react';
import { Card } from '../../../components/ui/Card';

export interface ChartDataTable {
  columns: readonly string[];
  rows: readonly { key: string; cells: readonly ReactNode[] }[];
}

export interface ChartCardProps {
  title: string;
  description?: string;
  /** The chart's numbers as a table, read by screen readers in place of the drawing. */
  data: ChartDataTable;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: ReactNode;
  children: ReactNode;
}

/** A chart in a card. The drawing is hidden from assistive tech; the same data is there as a table. */
export function ChartCard({ title, description, data, empty, children }: ChartCardProps) {
  const hasData = data.rows.length > 0;
  return (
    <Card title={title} description={description} bodyClassName="px-3 pt-4 pb-2 sm:px-5">
      {hasData || !empty ? (
        <div aria-hidden="true" className="h-60">
          {children}
        </div>
      ) : (
        <p className="flex h-60 items-center justify-center text-sm text-slate-400">{empty}</p>
      )}
      {/* A table is never narrower than its content, whatever its width: the hidden box is a div. */}
      {hasData && (
        <div className="sr-only">
          <table aria-label={title}>
            <thead>
              <tr>
                {data.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, index) =>
                    index === 0 ? (
                      <th key={index} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={index}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
