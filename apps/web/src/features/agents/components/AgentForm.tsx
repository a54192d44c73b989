import type { FieldError } from '@agent-fleet/contracts';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../../components/ui/Button';
import { isApiError } from '../../../lib/api-error';
import { stableStringify } from '../../../lib/json';
import { emptyAgentFormValues, type AgentFormValues } from '../form/agent-form-values';
import { placeFieldErrors, nearestField } from '../../../lib/form-errors';
import { clearErrorsUnder, type FieldErrorMap } from '../form/field-errors';
import { knownPaths, VALUE_PATHS } from '../form/field-paths';
import { validateAgentForm, type AgentFormData } from '../form/validate-agent-form';
import { FormErrorBanner, type FormBanner } from './form/FormErrorBanner';
import { BasicsSection } from './form/BasicsSection';
import { LimitsSection } from './form/LimitsSection';
import { MetadataSection } from './form/MetadataSection';
import { ModelSection } from './form/ModelSection';
import { RemoteSection } from './form/RemoteSection';
import { SystemPromptSection } from './form/SystemPromptSection';
import { ToolsSection } from './form/ToolsSection';

export interface AgentFormProps {
  mode: 'create' | 'edit';
  /** Starting values; an empty agent on the mock provider when absent. */
  initialValues?: AgentFormValues;
  /**
   * Saves the validated agent. Rejecting with an ApiError shows its field errors beside the fields
   * and anything else in a banner; the form stays editable.
   */
  onSubmit: (data: AgentFormData) => Promise<void>;
  onCancel: () => void;
  /** Shown above the form, e.g. an edit conflict. */
  notice?: ReactNode;
  /** Told whether the values differ from the initial ones, e.g. to warn before leaving. */
  onDirtyChange?: (dirty: boolean) => void;
  /** The agent being edited, which its tools may not name. Absent when creating. */
  agentId?: string;
}

export function AgentForm({ mode, initialValues, onSubmit, onCancel, notice, onDirtyChange, agentId }: AgentFormProps) {
  const [initial] = useState<AgentFormValues>(() => initialValues ?? emptyAgentFormValues());
  const [values, setValues] = useState<AgentFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [banner, setBanner] = useState<FormBanner | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Bumped after a failed submit so the effect below moves focus to the first problem.
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = useMemo(() => stableStringify(values) !== stableStringify(initial), [values, initial]);

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  useEffect(() => {
    if (focusRequest === 0 || !formRef.current) return;
    const target =
      formRef.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      formRef.current.querySelector<HTMLElement>('[data-form-banner]');
    target?.focus();
  }, [focusRequest]);

  const handleChange = (patch: Partial<AgentFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) =>
      (Object.keys(patch) as (keyof AgentFormValues)[]).reduce(
        (remaining, key) => clearErrorsUnder(remaining, VALUE_PATHS[key]),
        current,
      ),
    );
  };

  const showErrors = (fieldErrors: readonly FieldError[], bannerFor: (unmatched: FieldError[]) => FormBanner | null) => {
    const resolved = placeFieldErrors(fieldErrors, nearestField(knownPaths(values.fallbacks.length)));
    setErrors(resolved.byField);
    setBanner(bannerFor(resolved.unmatched));
    setFocusRequest((count) => count + 1);
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;

    const validation = validateAgentForm(values);
    if (!validation.ok) {
      showErrors(validation.errors, (unmatched) =>
        unmatched.length > 0 ? { title: 'Some values are not valid', items: unmatched } : null,
      );
      return;
    }

    setSubmitting(true);
    setBanner(null);
    try {
      await onSubmit(validation.data);
    } catch (error) {
      if (isApiError(error)) {
        showErrors(error.fieldErrors, (unmatched) =>
          unmatched.length > 0 || error.fieldErrors.length === 0
            ? { title: error.title, detail: error.detail, items: unmatched, requestId: error.requestId }
            : null,
        );
      } else {
        setBanner({ title: 'Could not save the agent', detail: error instanceof Error ? error.message : undefined, items: [] });
        setFocusRequest((count) => count + 1);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const sectionProps = { values, errors, onChange: handleChange, disabled: submitting };

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} aria-busy={submitting || undefined}>
      {notice}
      {banner && <FormErrorBanner banner={banner} />}
      <BasicsSection {...sectionProps} />
      <RemoteSection {...sectionProps} kindLocked={mode === 'edit'} />
      {values.kind === 'model' && (
        <>
          <ModelSection {...sectionProps} />
          <SystemPromptSection {...sectionProps} />
          <ToolsSection {...sectionProps} agentId={agentId} />
        </>
      )}
      <LimitsSection {...sectionProps} />
      <MetadataSection {...sectionProps} />

      <div className="sticky bottom-0 z-10 -mx-4 mt-2 border-t border-slate-200 bg-slate-50/90 px-4 py-4 backdrop-blur sm:-mx-6 sm:px-6 lg:-mx-8 lg:px-8">
        <div className="flex items-center justify-end gap-3">
          <Button onClick={onCancel} disabled={submitting}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={submitting}>
            {mode === 'create' ? 'Create agent' : 'Save changes'}
          </Button>
        </div>
      </div>
    </form>
  );
}
