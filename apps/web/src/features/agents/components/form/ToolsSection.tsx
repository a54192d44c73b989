import { Wrench } from 'lucide-react';
import { FormSection } from './FormSection';
import type { SectionProps } from './section-props';

/** Tools do not exist yet; the section explains that instead of offering an input that goes nowhere. */
export function ToolsSection({ values, errors }: Pick<SectionProps, 'values' | 'errors'>) {
  return (
    <FormSection title="Tools" description="Functions the agent may call while it works.">
      <div
        aria-disabled="true"
        className="flex items-center gap-3 rounded-lg border border-dashed border-slate-300 bg-slate-50 px-4 py-3 text-sm text-slate-500"
      >
        <Wrench className="size-4 shrink-0 text-slate-400" aria-hidden="true" />
        {values.tools.length === 0 ? (
          <span>No tools available yet</span>
        ) : (
          <span>
            Keeps its current tools: <span className="font-mono text-slate-700">{values.tools.join(', ')}</span>
          </span>
        )}
      </div>
      {errors['tools'] && <p className="mt-2 text-xs font-medium text-red-600">{errors['tools']}</p>}
    </FormSection>
  );
}
