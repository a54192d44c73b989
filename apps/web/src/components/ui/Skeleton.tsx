import type { CSSProperties } from 'react';
import { clsx } from 'clsx';

/** A grey placeholder block shown while content loads. */
export function Skeleton({ className, style }: { className?: string; style?: CSSProperties }) {
  return <span aria-hidden="true" style={style} className={clsx('block animate-pulse rounded-md bg-slate-200/80', className)} />;
}
