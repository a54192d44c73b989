import { LogoMark } from '../../../app/LogoMark';
import { Spinner } from '../../../components/ui/Spinner';

/** Shown while the session is restored, so no page flashes before we know who is signed in. */
export function AuthSplash() {
  return (
    <div className="flex min-h-full flex-col items-center justify-center gap-5 animate-fade-in">
      <LogoMark className="size-11" />
      <Spinner className="size-5 text-indigo-600" label="Loading Agent Fleet" />
    </div>
  );
}
