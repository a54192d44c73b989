import { clsx } from 'clsx';

/** "Ada Lovelace" → "AL"; a single word gives one letter. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  return letters.map((word) => Array.from(word ?? '')[0]?.toUpperCase() ?? '').join('') || '?';
}

/** A person's initials in a circle; decorative, since the name is always shown or labelled beside it. */
export function Avatar({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={clsx(
        'inline-flex size-8 shrink-0 items-center justify-center rounded-full bg-linear-to-br from-indigo-400 to-indigo-600 text-xs font-semibold text-white',
        className,
      )}
    >
      {initialsOf(name)}
    </span>
  );
}
