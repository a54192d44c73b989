/** Tailwind classes per step type, so a graph reads at a glance: models, people, time and plumbing. */
const STEP_COLORS: Record<string, string> = {
  prompt: 'border-indigo-300 bg-indigo-50 text-indigo-900',
  agent: 'border-violet-300 bg-violet-50 text-violet-900',
  fleet: 'border-fuchsia-300 bg-fuchsia-50 text-fuchsia-900',
  http: 'border-sky-300 bg-sky-50 text-sky-900',
  transform: 'border-slate-300 bg-slate-50 text-slate-900',
  map: 'border-teal-300 bg-teal-50 text-teal-900',
  loop: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  approval: 'border-amber-300 bg-amber-50 text-amber-900',
  wait: 'border-orange-300 bg-orange-50 text-orange-900',
  pipeline: 'border-cyan-300 bg-cyan-50 text-cyan-900',
};

/** Unknown types (a typo the validation reports) are drawn in red. */
export const stepColor = (type: string): string => STEP_COLORS[type] ?? 'border-red-300 bg-red-50 text-red-900';
