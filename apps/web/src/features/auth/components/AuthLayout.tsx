import { Outlet, ScrollRestoration } from 'react-router';
import { LogoMark } from '../../../app/LogoMark';

/** The frame of the signed-out pages: the product mark above one centered card. */
export function AuthLayout() {
  return (
    <div className="relative isolate flex min-h-full flex-col items-center justify-center px-4 py-12 sm:px-6">
      <ScrollRestoration />
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 -z-10 h-[32rem] bg-[radial-gradient(ellipse_at_top,var(--color-indigo-100),transparent_65%)]"
      />
      <main id="main" className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3">
          <LogoMark className="size-11 shadow-sm shadow-indigo-200" />
          <span className="text-[15px] font-semibold tracking-tight text-slate-900">Agent Fleet</span>
        </div>
        <Outlet />
      </main>
      <footer className="mt-10 text-xs text-slate-400">
        Self-hosted ·{' '}
        <a href="/api/docs" target="_blank" rel="noreferrer" className="hover:text-slate-600">
          API docs<span className="sr-only"> (opens in a new tab)</span>
        </a>
      </footer>
    </div>
  );
}
