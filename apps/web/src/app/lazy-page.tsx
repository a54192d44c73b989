import type { Permission } from '@agent-fleet/contracts';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../features/auth/components/RequirePermission';

export interface PageGuard {
  permission: Permission;
  /** Names the page in the explanation, e.g. "the audit log". */
  what: string;
}

/**
 * A route whose page is its own chunk, loaded when the route first matches: the login page does not
 * download the charts or the code editor. The router waits for the chunk before it leaves the current
 * page, so no spinner flashes between pages.
 */
export function lazyPage(load: () => Promise<ComponentType>, guard?: PageGuard): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const Page = await load();
      return {
        element: guard ? (
          <RequirePermission permission={guard.permission} what={guard.what}>
            <Page />
          </RequirePermission>
        ) : (
          <Page />
        ),
      };
    },
  };
}
