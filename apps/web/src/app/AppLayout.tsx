import { useCallback, useState } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { MobileSidebar } from './MobileSidebar';
import { SidebarContent } from './SidebarContent';
import { TopBar } from './TopBar';

export function AppLayout() {
  const [menuOpen, setMenuOpen] = useState(false);
  const closeMenu = useCallback(() => setMenuOpen(false), []);
  // The router commits a location together with its page, once the page's code has loaded, so
  // `data-location` tells a browser test that walks the app by client-side navigation (e2e/layout) that
  // the new page is on screen and not the one before it.
  const location = useLocation();

  return (
    <div className="min-h-full">
      <ScrollRestoration />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow-lg"
      >
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 z-20 hidden w-60 lg:block">
        <SidebarContent />
      </aside>
      <MobileSidebar open={menuOpen} onClose={closeMenu} />

      <div className="flex min-h-full flex-col lg:pl-60">
        <TopBar onOpenMenu={() => setMenuOpen(true)} />
        <main id="main" data-location={location.pathname + location.search} className="flex-1 px-4 pt-8 pb-12 sm:px-6 lg:px-8">
          <div className="mx-auto max-w-7xl">
            <Outlet />
          </div>
        </main>
      </div>
    </div>
  );
}
