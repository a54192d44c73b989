import { useId } from 'react';
import { clsx } from 'clsx';

/** The product mark: an "A" of three connected nodes, a fleet in miniature. */
export function LogoMark({ className }: { className?: string }) {
  // Unique per instance: a gradient id shared with a copy inside a hidden sidebar would not paint.
  const gradientId = useId();
  return (
    <svg viewBox="0 0 32 32" className={clsx('size-8', className)} aria-hidden="true">
      <defs>
        <linearGradient id={gradientId} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0%" stopColor="#818cf8" />
          <stop offset="100%" stopColor="#4f46e5" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill={`url(#${gradientId})`} />
      <path
        d="M9 22.5 16 9l7 13.5M11.8 17.5h8.4"
        fill="none"
        stroke="#fff"
        strokeWidth="2.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="16" cy="9" r="2.2" fill="#fff" />
      <circle cx="9" cy="22.5" r="2.2" fill="#e0e7ff" />
      <circle cx="23" cy="22.5" r="2.2" fill="#e0e7ff" />
    </svg>
  );
}
