import type { AgentFormValues } from '../../form/agent-form-values';
import type { FieldErrorMap } from '../../form/field-errors';

/** What every form section receives: the values, errors by dotted path, and a way to change values. */
export interface SectionProps {
  values: AgentFormValues;
  errors: FieldErrorMap;
  onChange: (patch: Partial<AgentFormValues>) => void;
  disabled: boolean;
}
