import { BROADCAST_COMBINES, FLEET_STRATEGIES, type FleetStrategyType } from '@agent-fleet/contracts';
import type { ReactNode } from 'react';
import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { Select } from '../../../../components/ui/Select';
import { Textarea } from '../../../../components/ui/Textarea';
import type { FieldMessages } from '../../../../lib/form-errors';
import { COMBINE_LABELS, STRATEGY_META } from '../../fleet-meta';
import type { FleetFormField, FleetFormValues } from '../../fleet-form';

export interface FleetSettingsFieldsProps {
  values: FleetFormValues;
  onChange: (patch: Partial<FleetFormValues>) => void;
  /** One message per field, from the form's own check or the server's problem. */
  errors: FieldMessages<FleetFormField>;
  /** Prefix of the controls' ids, unique on the page. */
  idPrefix: string;
}

function Checkbox({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        className="size-4 cursor-pointer rounded accent-indigo-600"
      />
      {children}
    </label>
  );
}

/** Every setting of a fleet but its admin state: name, description, strategy with its configuration, capacity, limits. */
export function FleetSettingsFields({ values, onChange, errors, idPrefix }: FleetSettingsFieldsProps) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const numberField = (field: FleetFormField, key: keyof FleetFormValues, label: string, hint: string, optional = false) => (
    <Field id={id(key)} label={label} error={errors[field]} hint={hint} optional={optional}>
      {(control) => (
        <Input
          {...control}
          type="text"
          inputMode="decimal"
          value={String(values[key])}
          onChange={(event) => onChange({ [key]: event.target.value })}
          autoComplete="off"
        />
      )}
    </Field>
  );

  return (
    <>
      <Field id={id('name')} label="Name" error={errors.name} hint='Letters, digits, spaces, ".", "_" and "-".'>
        {(control) => (
          <Input
            {...control}
            value={values.name}
            onChange={(event) => onChange({ name: event.target.value })}
            required
            autoComplete="off"
            placeholder="Support tier 1"
          />
        )}
      </Field>
      <Field id={id('description')} label="Description" error={errors.description} optional>
        {(control) => (
          <Textarea
            {...control}
            rows={2}
            value={values.description}
            onChange={(event) => onChange({ description: event.target.value })}
          />
        )}
      </Field>
      <Field id={id('strategy')} label="Strategy" error={errors.strategy} hint={STRATEGY_META[values.strategyType].description}>
        {(control) => (
          <Select
            {...control}
            value={values.strategyType}
            onChange={(event) => onChange({ strategyType: event.target.value as FleetStrategyType })}
          >
            {FLEET_STRATEGIES.map((strategy) => (
              <option key={strategy} value={strategy}>
                {STRATEGY_META[strategy].label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {values.strategyType === 'round_robin' && (
        <Checkbox checked={values.weighted} onChange={(weighted) => onChange({ weighted })}>
          Weighted: pick members in proportion to their weight
        </Checkbox>
      )}
      {values.strategyType === 'cost_aware' && (
        <Checkbox checked={values.escalateOnFailure} onChange={(escalateOnFailure) => onChange({ escalateOnFailure })}>
          Escalate on failure: retry on the next cheapest stronger member
        </Checkbox>
      )}
      {values.strategyType === 'broadcast' && (
        <Field id={id('combine')} label="Combine the answers by">
          {(control) => (
            <Select
              {...control}
              value={values.combine}
              onChange={(event) => onChange({ combine: event.target.value as FleetFormValues['combine'] })}
            >
              {BROADCAST_COMBINES.map((combine) => (
                <option key={combine} value={combine}>
                  {COMBINE_LABELS[combine]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {numberField('maxConcurrency', 'maxConcurrency', 'Max concurrency', 'Tasks the fleet runs at once, 1–10,000.')}
        {numberField('queueLimit', 'queueLimit', 'Queue limit', 'Tasks that may wait at capacity, 0–100,000.')}
      </div>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-3 text-sm font-semibold text-slate-900">Limits</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {numberField('limits.maxDelegationDepth', 'maxDelegationDepth', 'Max delegation depth', '0–10; 0: no delegation.')}
          {numberField(
            'limits.maxHopsPerRootTask',
            'maxHopsPerRootTask',
            'Max hops per root task',
            'Tasks one root task may spawn, 1–1,000.',
          )}
          {numberField(
            'limits.budgetUsdPerRootTask',
            'budgetUsdPerRootTask',
            'Budget per root task (USD)',
            'Empty: no cap.',
            true,
          )}
          <Field
            id={id('taskTimeout')}
            label="Task timeout"
            error={errors['limits.taskTimeout']}
            hint="A duration such as 90s, 10m, 2h."
          >
            {(control) => (
              <Input
                {...control}
                value={values.taskTimeout}
                onChange={(event) => onChange({ taskTimeout: event.target.value })}
                autoComplete="off"
                className="font-mono"
              />
            )}
          </Field>
        </div>
      </fieldset>
    </>
  );
}
