/** Series colours, from the app's Tailwind palette (indigo-600, indigo-300, sky-500). */
export const CHART_COLORS = { cost: '#4f46e5', input: '#a5b4fc', output: '#0ea5e9' } as const;

/** Axis and grid styling shared by every usage chart. */
export const AXIS_TICK = { fontSize: 11, fill: '#64748b' } as const;
export const GRID_STROKE = '#e2e8f0';

/**
 * Charts size themselves to their card through a ResizeObserver. Where there is none (jsdom, very old
 * browsers) they keep this size instead of rendering nothing.
 */
export const INITIAL_CHART_SIZE = { width: 640, height: 240 } as const;
