/** What part of the graph is on screen: a translation in px, then a zoom factor. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export const MIN_ZOOM = 0.2;
/** Fitting never enlarges past this: a two-step graph stays at a readable size, not a poster. */
export const FIT_MAX_ZOOM = 1.2;
export const MAX_ZOOM = 2;
/** Room left around the graph when it is fitted, as a share of its size. */
const FIT_PADDING = 0.2;

const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));

/** The viewport that shows a graph of `width` × `height` whole and centred in a box of `box`. */
export function fitViewport(width: number, height: number, box: { width: number; height: number }): Viewport {
  if (width <= 0 || height <= 0 || box.width <= 0 || box.height <= 0) return { x: 0, y: 0, zoom: 1 };
  const scale = 1 + 2 * FIT_PADDING;
  const zoom = Math.min(FIT_MAX_ZOOM, Math.max(MIN_ZOOM, Math.min(box.width / (width * scale), box.height / (height * scale))));
  return { x: (box.width - width * zoom) / 2, y: (box.height - height * zoom) / 2, zoom };
}

/** Zooms by `factor` keeping the graph point under (`atX`, `atY`) (box coordinates) where it is. */
export function zoomViewport(view: Viewport, factor: number, atX: number, atY: number): Viewport {
  const zoom = clampZoom(view.zoom * factor);
  const ratio = zoom / view.zoom;
  return { x: atX - (atX - view.x) * ratio, y: atY - (atY - view.y) * ratio, zoom };
}

/**
 * An SVG path from a node's right side to the next node's left side in right angles with rounded
 * corners (React Flow's "smoothstep"): across to the middle, down or up, across again.
 */
export function stepEdgePath(sourceX: number, sourceY: number, targetX: number, targetY: number, radius = 5): string {
  if (sourceY === targetY) return `M${sourceX},${sourceY}L${targetX},${targetY}`;
  const middle = (sourceX + targetX) / 2;
  const r = Math.max(0, Math.min(radius, Math.abs(targetY - sourceY) / 2, Math.abs(targetX - sourceX) / 2));
  const down = targetY > sourceY ? 1 : -1;
  const forward = targetX >= sourceX ? 1 : -1;
  return (
    `M${sourceX},${sourceY}L${middle - forward * r},${sourceY}` +
    `Q${middle},${sourceY} ${middle},${sourceY + down * r}L${middle},${targetY - down * r}` +
    `Q${middle},${targetY} ${middle + forward * r},${targetY}L${targetX},${targetY}`
  );
}
