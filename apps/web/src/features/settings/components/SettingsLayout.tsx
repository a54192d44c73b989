import { Outlet } from 'react-router';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SettingsNav } from './SettingsNav';

/** Settings: a section list beside the open section. */
export function SettingsLayout() {
  return (
    <>
      <PageHeader title="Settings" description="Your account, and how this workspace is run." />
      <div className="flex flex-col gap-6 lg:flex-row lg:gap-10">
        <SettingsNav />
        <div className="min-w-0 flex-1">
          <Outlet />
        </div>
      </div>
    </>
  );
}
