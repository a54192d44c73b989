import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { fieldId } from '../../form/field-paths';
import { FormSection } from './FormSection';
import type { SectionProps } from './section-props';

export function LimitsSection({ values, errors, onChange, disabled }: SectionProps) {
  return (
    <FormSection title="Limits" description="Guard rails that stop a runaway task before it burns time or money.">
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <Field
          id={fieldId('limits.maxIterations')}
          label="Max iterations"
          error={errors['limits.maxIterations']}
          hint="Tool-loop steps per task, 1–100."
        >
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="numeric"
              step={1}
              value={values.maxIterations}
              onChange={(event) => onChange({ maxIterations: event.target.value })}
              disabled={disabled}
            />
          )}
        </Field>
        <Field
          id={fieldId('limits.maxCostPerTaskUsd')}
          label="Max cost per task (USD)"
          error={errors['limits.maxCostPerTaskUsd']}
          optional
          hint="Leave empty for no cap."
        >
          {(control) => (
            <div className="relative">
              <span
                className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-sm text-slate-400"
                aria-hidden="true"
              >
                $
              </span>
              <Input
                {...control}
                type="number"
                inputMode="decimal"
                step="any"
                value={values.maxCostPerTaskUsd}
                onChange={(event) => onChange({ maxCostPerTaskUsd: event.target.value })}
                disabled={disabled}
                placeholder="No cap"
                className="pl-7"
              />
            </div>
          )}
        </Field>
      </div>
    </FormSection>
  );
}
