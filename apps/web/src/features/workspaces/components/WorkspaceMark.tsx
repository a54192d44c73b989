import { clsx } from 'clsx';
import { initialsOf } from '../../../components/ui/Avatar';

/** A workspace's initial in a rounded square, to tell workspaces apart at a glance. */
export function WorkspaceMark({ name, tone = 'dark' }: { name: string; tone?: 'dark' | 'light' }) {
  return (
    <span
      aria-hidden="true"
      className={clsx(
        'inline-flex size-8 shrink-0 items-center justify-center rounded-lg text-xs font-semibold',
        tone === 'dark'
          ? 'bg-indigo-500/20 text-indigo-200 ring-1 ring-indigo-400/30'
          : 'bg-indigo-50 text-indigo-700 ring-1 ring-indigo-100',
      )}
    >
      {initialsOf(name).slice(0, 1)}
    </span>
  );
}
