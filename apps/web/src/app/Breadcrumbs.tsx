import { ChevronRight } from 'lucide-react';
import { Link, useMatches } from 'react-router';
import { isRouteHandle } from './route-handle';

/** Built from the `crumb` of every matched route, so the trail always mirrors the URL. */
export function Breadcrumbs() {
  const crumbs = useMatches().flatMap((match) =>
    isRouteHandle(match.handle) ? [{ id: match.id, path: match.pathname, label: match.handle.crumb(match.params) }] : [],
  );
  if (crumbs.length === 0) return null;

  return (
    <nav aria-label="Breadcrumb" className="min-w-0">
      <ol className="flex min-w-0 items-center gap-1.5 text-sm">
        {crumbs.map((item, index) => {
          const last = index === crumbs.length - 1;
          return (
            <li key={item.id} className="flex min-w-0 items-center gap-1.5">
              {index > 0 && <ChevronRight className="size-3.5 shrink-0 text-slate-300" aria-hidden="true" />}
              {last ? (
                <span aria-current="page" className="truncate font-medium text-slate-900">
                  {item.label}
                </span>
              ) : (
                <Link to={item.path} className="truncate text-slate-500 hover:text-slate-800">
                  {item.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
