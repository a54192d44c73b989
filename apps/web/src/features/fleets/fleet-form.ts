import {
  FLEET_LIMIT_DEFAULTS,
  type BROADCAST_COMBINES,
  type Fleet,
  type FleetCreate,
  type FleetStrategyInput,
  type FleetStrategyType,
  type FleetUpdate,
} from '@agent-fleet/contracts';
import { nearestField, type FieldMessages } from '../../lib/form-errors';

/** A fleet's settings as the form holds them: numbers stay text until sent, so the server judges them. */
export interface FleetFormValues {
  name: string;
  description: string;
  strategyType: FleetStrategyType;
  weighted: boolean;
  escalateOnFailure: boolean;
  combine: (typeof BROADCAST_COMBINES)[number];
  maxConcurrency: string;
  queueLimit: string;
  maxDelegationDepth: string;
  maxHopsPerRootTask: string;
  /** Empty: no budget. */
  budgetUsdPerRootTask: string;
  taskTimeout: string;
}

export const NEW_FLEET_VALUES: FleetFormValues = {
  name: '',
  description: '',
  strategyType: 'round_robin',
  weighted: false,
  escalateOnFailure: true,
  combine: 'first_success',
  maxConcurrency: '10',
  queueLimit: '1000',
  maxDelegationDepth: String(FLEET_LIMIT_DEFAULTS.maxDelegationDepth),
  maxHopsPerRootTask: String(FLEET_LIMIT_DEFAULTS.maxHopsPerRootTask),
  budgetUsdPerRootTask: '',
  taskTimeout: FLEET_LIMIT_DEFAULTS.taskTimeout,
};

export function fleetToFormValues(fleet: Fleet): FleetFormValues {
  const { strategy, limits } = fleet;
  return {
    name: fleet.name,
    description: fleet.description,
    strategyType: strategy.type,
    weighted: strategy.type === 'round_robin' ? strategy.weighted : NEW_FLEET_VALUES.weighted,
    escalateOnFailure: strategy.type === 'cost_aware' ? strategy.escalateOnFailure : NEW_FLEET_VALUES.escalateOnFailure,
    combine: strategy.type === 'broadcast' ? strategy.combine : NEW_FLEET_VALUES.combine,
    maxConcurrency: String(fleet.maxConcurrency),
    queueLimit: String(fleet.queueLimit),
    maxDelegationDepth: String(limits.maxDelegationDepth),
    maxHopsPerRootTask: String(limits.maxHopsPerRootTask),
    budgetUsdPerRootTask: limits.budgetUsdPerRootTask === null ? '' : String(limits.budgetUsdPerRootTask),
    taskTimeout: limits.taskTimeout,
  };
}

/** The strategy object with only its own configuration. */
export function strategyOf(values: FleetFormValues): FleetStrategyInput {
  switch (values.strategyType) {
    case 'round_robin':
      return { type: 'round_robin', weighted: values.weighted };
    case 'cost_aware':
      return { type: 'cost_aware', escalateOnFailure: values.escalateOnFailure };
    case 'broadcast':
      return { type: 'broadcast', combine: values.combine };
    default:
      return { type: values.strategyType };
  }
}

/** Text to number; `checkFleetForm` has made sure there is one. */
const numberOf = (text: string): number => Number(text.trim());

const NUMBER_FIELDS = [
  ['maxConcurrency', 'maxConcurrency'],
  ['queueLimit', 'queueLimit'],
  ['maxDelegationDepth', 'limits.maxDelegationDepth'],
  ['maxHopsPerRootTask', 'limits.maxHopsPerRootTask'],
] as const satisfies readonly (readonly [keyof FleetFormValues, FleetFormField])[];

/**
 * What the form can tell before sending: a number field left empty (or holding no number). Ranges and
 * everything else are the server's to judge, so its messages stay the only wording.
 */
export function checkFleetForm(values: FleetFormValues): FieldMessages<FleetFormField> {
  const errors: FieldMessages<FleetFormField> = {};
  for (const [key, field] of NUMBER_FIELDS) {
    const text = values[key].trim();
    if (text === '' || !Number.isFinite(Number(text))) errors[field] = 'Enter a number';
  }
  const budget = values.budgetUsdPerRootTask.trim();
  if (budget !== '' && !Number.isFinite(Number(budget)))
    errors['limits.budgetUsdPerRootTask'] = 'Enter an amount, or leave it empty';
  return errors;
}

/** The body of `POST /fleets`. */
export function toFleetCreate(values: FleetFormValues): FleetCreate {
  return {
    name: values.name.trim(),
    description: values.description,
    strategy: strategyOf(values),
    maxConcurrency: numberOf(values.maxConcurrency),
    queueLimit: numberOf(values.queueLimit),
    limits: {
      maxDelegationDepth: numberOf(values.maxDelegationDepth),
      maxHopsPerRootTask: numberOf(values.maxHopsPerRootTask),
      budgetUsdPerRootTask: values.budgetUsdPerRootTask.trim() === '' ? null : numberOf(values.budgetUsdPerRootTask),
      taskTimeout: values.taskTimeout.trim(),
    },
  };
}

/** The body of `PATCH /fleets/{id}`: every setting, since the form shows them all. */
export const toFleetUpdate = (values: FleetFormValues): FleetUpdate => toFleetCreate(values);

/** The fields the form shows; the server's error paths land on the nearest of them. */
export const FLEET_FORM_FIELDS = [
  'name',
  'description',
  'strategy',
  'maxConcurrency',
  'queueLimit',
  'limits.maxDelegationDepth',
  'limits.maxHopsPerRootTask',
  'limits.budgetUsdPerRootTask',
  'limits.taskTimeout',
] as const;
export type FleetFormField = (typeof FLEET_FORM_FIELDS)[number];

export const fleetFieldOf = nearestField(new Set<string>(FLEET_FORM_FIELDS)) as (path: string) => FleetFormField | undefined;
