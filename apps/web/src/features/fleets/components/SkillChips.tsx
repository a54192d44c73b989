// The agents feature's SkillTags looks the same; sharing it would split it into a chunk of its own,
// which every page's entry then lists (the bundle budget has no room for that).
/** A member's skills as chips, or a dash. */
export function SkillChips({ skills }: { skills: readonly string[] }) {
  if (skills.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {skills.map((skill) => (
        <li
          key={skill}
          className="rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] leading-4 text-slate-600 ring-1 ring-slate-200 ring-inset"
        >
          {skill}
        </li>
      ))}
    </ul>
  );
}
