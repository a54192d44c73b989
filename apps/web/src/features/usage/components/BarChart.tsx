import { useLayoutEffect, useRef, useState } from 'react';
import { AXIS_TICK, GRID_STROKE, INITIAL_CHART_SIZE } from './chart-theme';
import { niceTicks } from './chart-ticks';

export interface BarSeries<T> {
  name: string;
  color: string;
  value: (row: T) => number;
}

export interface BarChartProps<T> {
  data: readonly T[];
  rowKey: (row: T) => string;
  /** A row's label on the category axis. */
  label: (row: T) => string;
  /** A row's heading in the tooltip. Default: its axis label. */
  tooltipLabel?: (row: T) => string;
  /** Stacked in this order: bottom to top, or left to right. */
  series: readonly BarSeries<T>[];
  /** Value axis labels. */
  formatTick: (value: number) => string;
  /** Values in the tooltip. */
  formatValue: (value: number) => string;
  /** `columns` grow up from a category axis at the bottom; `bars` grow right from one at the left. Default `columns`. */
  layout?: 'columns' | 'bars';
  /** Room for the labels left of the plot, in pixels. */
  axisWidth: number;
  /** Thickest a bar may be, in pixels. Default 32. */
  maxBarSize?: number;
  /** A key of the series under the chart. Default false. */
  legend?: boolean;
}

const RADIUS = 3;
const TICK_GAP = 12;
/** Width of one character of the axis font, to keep category labels from overlapping. */
const CHAR_WIDTH = 6.5;

/** The size of an element, following it as it resizes; INITIAL_CHART_SIZE where there is no ResizeObserver. */
function useSize() {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number }>(INITIAL_CHART_SIZE);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    // Measured before the first paint: drawn at INITIAL_CHART_SIZE until the observer's first report, a
    // chart in a narrower box made the whole page scroll sideways for a moment.
    const { width, height } = element.getBoundingClientRect();
    if (width > 0 && height > 0) setSize({ width, height });
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry?.contentRect ?? { width: 0, height: 0 };
      if (width > 0 && height > 0) setSize({ width, height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, size };
}

/** A bar whose far end (top, or right) is rounded: a rounded rectangle and a square one over its near corners. */
function Bar({
  x,
  y,
  width,
  height,
  color,
  rounded,
  horizontal,
  name,
}: BarGeometry & { color: string; rounded: boolean; horizontal: boolean; name: string }) {
  if (width <= 0 || height <= 0) return null;
  const radius = rounded ? Math.min(RADIUS, width / 2, height / 2) : 0;
  return (
    <g data-bar={name} data-width={width} data-height={height}>
      <rect x={x} y={y} width={width} height={height} rx={radius} fill={color} />
      {radius > 0 &&
        (horizontal ? (
          <rect x={x} y={y} width={radius} height={height} fill={color} />
        ) : (
          <rect x={x} y={y + height - radius} width={width} height={radius} fill={color} />
        ))}
    </g>
  );
}

interface BarGeometry {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A stacked bar chart drawn as SVG, with a value axis of round ticks, a grid, category labels that
 * skip rather than overlap, a tooltip on hover and an optional legend.
 */
export function BarChart<T>({
  data,
  rowKey,
  label,
  tooltipLabel = label,
  series,
  formatTick,
  formatValue,
  layout = 'columns',
  axisWidth,
  maxBarSize = 32,
  legend = false,
}: BarChartProps<T>) {
  const { ref, size } = useSize();
  const [active, setActive] = useState<number | null>(null);
  const horizontal = layout === 'bars';
  const plot = {
    left: axisWidth,
    top: horizontal ? 0 : 8,
    width: Math.max(1, size.width - axisWidth - (horizontal ? 12 : 4)),
    height: Math.max(1, size.height - 20 - (horizontal ? 0 : 8)),
  };
  const totals = data.map((row) => series.reduce((sum, s) => sum + Math.max(0, s.value(row)), 0));
  const max = Math.max(0, ...totals);
  // Side by side under a bars chart, value labels need room: fewer ticks on a narrow chart.
  const tickRoom = (formatTick(max || 1).length + 2) * CHAR_WIDTH + TICK_GAP;
  const ticks = niceTicks(max, horizontal ? Math.max(1, Math.min(4, Math.floor(plot.width / tickRoom))) : 4);
  const top = ticks.at(-1) ?? 1;
  const valueLength = horizontal ? plot.width : plot.height;
  const scale = (value: number) => (value / top) * valueLength;
  const band = (horizontal ? plot.height : plot.width) / Math.max(1, data.length);
  const thickness = Math.min(maxBarSize, band * 0.8);
  const longestLabel = Math.max(0, ...data.map((row) => label(row).length));
  const labelEvery = horizontal ? 1 : Math.max(1, Math.ceil((longestLabel * CHAR_WIDTH + TICK_GAP) / band));

  const bars = data.flatMap((row, index) => {
    const start = (horizontal ? plot.top : plot.left) + band * index + (band - thickness) / 2;
    const lastDrawn = series.findLastIndex((s) => s.value(row) > 0);
    let offset = 0;
    return series.map((s, position) => {
      const length = scale(Math.max(0, s.value(row)));
      const geometry: BarGeometry = horizontal
        ? { x: plot.left + offset, y: start, width: length, height: thickness }
        : { x: start, y: plot.top + plot.height - offset - length, width: thickness, height: length };
      offset += length;
      return (
        <Bar
          key={`${rowKey(row)}-${s.name}`}
          {...geometry}
          name={s.name}
          color={s.color}
          rounded={position === lastDrawn}
          horizontal={horizontal}
        />
      );
    });
  });

  const activeRow = active === null ? undefined : data[active];
  const activeCenter = active === null ? 0 : (horizontal ? plot.top : plot.left) + band * (active + 0.5);
  return (
    <div className="flex h-full w-full min-w-0 flex-col">
      <div ref={ref} className="relative min-h-0 min-w-0 flex-1" onMouseLeave={() => setActive(null)}>
        {/* Out of the flow, so the drawing follows its box's size and never sets it (a phone-wide box stays narrow). */}
        <svg width={size.width} height={size.height} className="absolute inset-0 block overflow-visible">
          {activeRow && (
            <rect
              data-cursor=""
              fill="#f1f5f9"
              {...(horizontal
                ? { x: plot.left, y: activeCenter - band / 2, width: plot.width, height: band }
                : { x: activeCenter - band / 2, y: plot.top, width: band, height: plot.height })}
            />
          )}
          {ticks.map((tick) => {
            const at = scale(tick);
            return horizontal ? (
              <g key={tick}>
                <line x1={plot.left + at} x2={plot.left + at} y1={plot.top} y2={plot.top + plot.height} stroke={GRID_STROKE} />
                <text x={plot.left + at} y={plot.top + plot.height + 14} textAnchor="middle" {...AXIS_TICK}>
                  {formatTick(tick)}
                </text>
              </g>
            ) : (
              <g key={tick}>
                <line
                  x1={plot.left}
                  x2={plot.left + plot.width}
                  y1={plot.top + plot.height - at}
                  y2={plot.top + plot.height - at}
                  stroke={GRID_STROKE}
                />
                <text x={plot.left - 6} y={plot.top + plot.height - at} textAnchor="end" dominantBaseline="middle" {...AXIS_TICK}>
                  {formatTick(tick)}
                </text>
              </g>
            );
          })}
          {data.map((row, index) =>
            index % labelEvery === 0 ? (
              <text
                key={rowKey(row)}
                data-category=""
                {...AXIS_TICK}
                {...(horizontal
                  ? { x: plot.left - 6, y: plot.top + band * (index + 0.5), textAnchor: 'end', dominantBaseline: 'middle' }
                  : { x: plot.left + band * (index + 0.5), y: plot.top + plot.height + 14, textAnchor: 'middle' })}
              >
                {label(row)}
              </text>
            ) : null,
          )}
          {bars}
          {data.map((row, index) => (
            <rect
              key={rowKey(row)}
              data-hover={rowKey(row)}
              fill="transparent"
              onMouseEnter={() => setActive(index)}
              {...(horizontal
                ? { x: plot.left, y: plot.top + band * index, width: plot.width, height: band }
                : { x: plot.left + band * index, y: plot.top, width: band, height: plot.height })}
            />
          ))}
        </svg>
        {activeRow && (
          <div
            role="tooltip"
            className="pointer-events-none absolute z-10 rounded-md border border-slate-200 bg-white px-3 py-2 text-xs whitespace-nowrap shadow-sm"
            style={
              horizontal
                ? { top: activeCenter + band / 2, left: plot.left + 8 }
                : activeCenter > size.width / 2
                  ? { top: plot.top, right: size.width - activeCenter + 12 }
                  : { top: plot.top, left: activeCenter + 12 }
            }
          >
            <p className="mb-1 font-medium text-slate-900">{tooltipLabel(activeRow)}</p>
            {series.map((s) => (
              <p key={s.name} className="flex items-center gap-2 text-slate-600">
                <span className="size-2 rounded-full" style={{ backgroundColor: s.color }} />
                {s.name}: <span className="text-slate-900">{formatValue(s.value(activeRow))}</span>
              </p>
            ))}
          </div>
        )}
      </div>
      {legend && (
        <ul className="flex h-6 items-center justify-center gap-4 text-xs text-slate-600">
          {series.map((s) => (
            <li key={s.name} className="flex items-center gap-1.5">
              <span className="size-2 rounded-full" style={{ backgroundColor: s.color }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
