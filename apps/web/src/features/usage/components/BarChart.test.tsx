import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BarChart, type BarChartProps } from './BarChart';
import { niceTicks } from './chart-ticks';

interface Row {
  key: string;
  input: number;
  output: number;
}

const rows = (...values: [number, number][]): Row[] =>
  values.map(([input, output], index) => ({ key: `h${String(index).padStart(2, '0')}`, input, output }));

const props: BarChartProps<Row> = {
  data: rows([1, 0], [2, 1]),
  rowKey: (row) => row.key,
  label: (row) => row.key,
  series: [
    { name: 'Input', color: '#a5b4fc', value: (row) => row.input },
    { name: 'Output', color: '#0ea5e9', value: (row) => row.output },
  ],
  formatTick: (value) => `${value} t`,
  formatValue: (value) => `${value} tokens`,
  axisWidth: 40,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

const bars = (container: HTMLElement, name: string) =>
  [...container.querySelectorAll(`[data-bar="${name}"]`)].map((bar) => ({
    width: Number(bar.getAttribute('data-width')),
    height: Number(bar.getAttribute('data-height')),
  }));

describe('niceTicks', () => {
  it('steps by 1, 2, 2.5 or 5 times a power of ten up to at least the maximum', () => {
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(9)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
  });

  it('draws an axis from 0 to 1 when every value is zero', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('BarChart', () => {
  it('stacks the series of a row, each bar as long as its share of the axis', () => {
    const { container } = render(<BarChart {...props} />);
    const input = bars(container, 'Input');
    const output = bars(container, 'Output');
    // Totals 1 and 3 on an axis of 0..3: the second row's bars are 2 and 1 thirds of the plot high.
    expect(input).toHaveLength(2);
    expect(input[1]?.height).toBeCloseTo(2 * (input[0]?.height ?? 0));
    expect(output).toHaveLength(1);
    expect(output[0]?.height).toBeCloseTo(input[0]?.height ?? 0);
    expect([...container.querySelectorAll('text')].map((text) => text.textContent)).toEqual(
      expect.arrayContaining(['0 t', '1 t', '2 t', '3 t', 'h00', 'h01']),
    );
  });

  it('grows bars to the right in the bars layout', () => {
    const { container } = render(<BarChart {...props} layout="bars" series={props.series.slice(0, 1)} />);
    const [first, second] = bars(container, 'Input');
    expect(second?.width).toBeCloseTo(2 * (first?.width ?? 0));
    expect(second?.height).toBe(first?.height);
  });

  it('puts fewer value ticks under a narrow bars chart, so their labels do not touch', () => {
    const valueTicks = (container: HTMLElement) =>
      [...container.querySelectorAll('text:not([data-category])')].map((text) => text.textContent);
    const wide = render(<BarChart {...props} layout="bars" data={rows([1000, 0])} />);
    expect(valueTicks(wide.container)).toHaveLength(5);
    wide.unmount();

    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly report: ResizeObserverCallback) {}
        observe() {
          this.report([{ contentRect: { width: 200, height: 240 } } as ResizeObserverEntry], this as unknown as ResizeObserver);
        }
        disconnect() {
          // Nothing to stop: this observer reports once, on observe.
        }
      },
    );
    const narrow = render(<BarChart {...props} layout="bars" data={rows([1000, 0])} />);
    // 160 px of plot fit two labels like "1000 t" with their gap.
    expect(valueTicks(narrow.container).length).toBeLessThanOrEqual(3);
  });

  it('labels every few columns when the labels would overlap', () => {
    const many = rows(...Array.from({ length: 48 }, (): [number, number] => [1, 1]));
    const { container } = render(<BarChart {...props} data={many} label={(row) => `2026-03-10 ${row.key}:00`} />);
    const labels = [...container.querySelectorAll('[data-category]')].map((label) => label.textContent);
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.length).toBeLessThan(48);
    expect(labels[0]).toBe('2026-03-10 h00:00');
  });

  it('shows a row’s values in a tooltip while the pointer is over it', async () => {
    const user = userEvent.setup();
    const { container } = render(<BarChart {...props} tooltipLabel={(row) => `Hour ${row.key}`} />);
    await user.hover(container.querySelector('[data-hover="h01"]') as Element);
    const tooltip = screen.getByRole('tooltip');
    expect(tooltip).toHaveTextContent('Hour h01');
    expect(tooltip).toHaveTextContent('Input: 2 tokens');
    expect(tooltip).toHaveTextContent('Output: 1 tokens');
    await user.unhover(container.querySelector('[data-hover="h01"]') as Element);
    await user.hover(document.body);
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });

  it('names the series in a legend when asked', () => {
    const { rerender } = render(<BarChart {...props} />);
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    rerender(<BarChart {...props} legend />);
    expect(screen.getByRole('list')).toHaveTextContent('InputOutput');
  });
});
