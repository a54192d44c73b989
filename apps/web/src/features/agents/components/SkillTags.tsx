import { clsx } from 'clsx';

export interface SkillTagsProps {
  skills: readonly string[];
  /** Show at most this many, then "+N". Default: all. */
  max?: number;
  /** Makes each tag a button, e.g. to filter the list by that skill. */
  onSelect?: (skill: string) => void;
  className?: string;
}

const tagClass =
  'rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] leading-4 text-slate-600 ring-1 ring-slate-200 ring-inset';

export function SkillTags({ skills, max = Number.POSITIVE_INFINITY, onSelect, className }: SkillTagsProps) {
  if (skills.length === 0) return <span className="text-slate-400">—</span>;
  const shown = skills.slice(0, max);
  const hidden = skills.length - shown.length;
  return (
    <ul className={clsx('flex flex-wrap gap-1', className)}>
      {shown.map((skill) => (
        <li key={skill}>
          {onSelect ? (
            <button
              type="button"
              onClick={() => onSelect(skill)}
              className={clsx(tagClass, 'hover:bg-indigo-50 hover:text-indigo-700 hover:ring-indigo-200')}
              title={`Show agents with the ${skill} skill`}
            >
              {skill}
            </button>
          ) : (
            <span className={tagClass}>{skill}</span>
          )}
        </li>
      ))}
      {hidden > 0 && (
        <li className="px-1 py-0.5 text-[11px] leading-4 text-slate-400" title={skills.slice(max).join(', ')}>
          +{hidden}
        </li>
      )}
    </ul>
  );
}
