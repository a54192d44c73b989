import { Menu } from 'lucide-react';
import { UserMenu } from '../features/auth/components/UserMenu';
import { Breadcrumbs } from './Breadcrumbs';
import { LiveStatus } from './LiveStatus';
import { ServerStatus } from './ServerStatus';

export function TopBar({ onOpenMenu }: { onOpenMenu: () => void }) {
  return (
    <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white/85 px-4 backdrop-blur sm:px-6 lg:px-8">
      <button
        type="button"
        onClick={onOpenMenu}
        className="-ml-1.5 rounded-lg p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 lg:hidden"
        aria-label="Open navigation"
      >
        <Menu className="size-5" aria-hidden="true" />
      </button>
      <div className="min-w-0 flex-1">
        <Breadcrumbs />
      </div>
      <LiveStatus />
      <ServerStatus />
      <UserMenu />
    </header>
  );
}
