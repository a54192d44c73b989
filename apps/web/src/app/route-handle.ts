import type { ReactNode } from 'react';
import type { Params } from 'react-router';

/** Route `handle` contents the layout reads: a breadcrumb for the route's segment. */
export interface RouteHandle {
  crumb: (params: Params) => ReactNode;
}

export const isRouteHandle = (handle: unknown): handle is RouteHandle =>
  typeof handle === 'object' && handle !== null && typeof (handle as RouteHandle).crumb === 'function';

export const crumb = (label: string): RouteHandle => ({ crumb: () => label });
