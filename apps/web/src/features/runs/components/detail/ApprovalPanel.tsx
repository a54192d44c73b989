import { Check, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../../components/ui/Button';
import { Field } from '../../../../components/ui/Field';
import { FormAlert } from '../../../../components/ui/FormAlert';
import { Input } from '../../../../components/ui/Input';
import { Select } from '../../../../components/ui/Select';
import { Textarea } from '../../../../components/ui/Textarea';
import { errorMessage } from '../../../../lib/api-error';
import { formatDateTime, formatRelativeTime } from '../../../../lib/format';
import { approvalData, approvalFields, type ApprovalValues } from '../../approval-form';
import { useDecideApproval } from '../../mutations';

export interface ApprovalPanelProps {
  runId: string;
  step: string;
  message: string | null;
  form: Record<string, unknown> | null;
  roles: readonly string[];
  dueAt: string | null;
  /** Whether this user may decide (holds `runs:approve` and one of the roles, or owns the workspace). */
  canDecide: boolean;
  /** Denser, for the inbox's rows. */
  compact?: boolean;
}

/**
 * A waiting approval: its message and, for those who may decide, Approve and Reject with a comment and
 * the step's form (as fields when the schema is flat, else as JSON).
 */
export function ApprovalPanel({ runId, step, message, form, roles, dueAt, canDecide, compact = false }: ApprovalPanelProps) {
  const decide = useDecideApproval();
  const [comment, setComment] = useState('');
  const fields = form ? approvalFields(form) : [];
  const [values, setValues] = useState<ApprovalValues>({});
  const [json, setJson] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const prefix = `approval-${runId}-${step}`;

  const submit = (decision: 'approve' | 'reject') => {
    let data: Record<string, unknown> = {};
    const next: Record<string, string> = {};
    if (fields) {
      const result = approvalData(fields, values);
      data = result.data;
      Object.assign(next, decision === 'approve' ? result.errors : {});
    } else if (json.trim() !== '') {
      try {
        data = JSON.parse(json) as Record<string, unknown>;
      } catch {
        next['json'] = 'Enter a JSON object';
      }
    }
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    decide.mutate({ runId, step, decision, comment: comment.trim(), data });
  };

  return (
    <div className="flex flex-col gap-3" data-approval={step}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
        <span className="font-mono font-semibold break-all text-slate-900">{step}</span>
        <span className="text-xs text-slate-500">for {roles.join(', ')}</span>
        {dueAt && (
          <span className="text-xs text-slate-500">
            due{' '}
            <time dateTime={dueAt} title={formatDateTime(dueAt)}>
              {formatRelativeTime(dueAt)}
            </time>
          </span>
        )}
      </div>
      {message && <p className="text-sm whitespace-pre-wrap text-slate-700">{message}</p>}
      {!canDecide ? (
        <p className="text-sm text-slate-500">Waiting for someone with one of these roles to decide.</p>
      ) : (
        <>
          {decide.isError && <FormAlert title="Could not record the decision">{errorMessage(decide.error)}</FormAlert>}
          {fields?.map((field) => (
            <Field
              key={field.name}
              id={`${prefix}-${field.name}`}
              label={field.label}
              optional={!field.required}
              error={errors[field.name]}
            >
              {(control) =>
                field.type === 'boolean' ? (
                  <input
                    id={control.id}
                    type="checkbox"
                    className="size-4 rounded border-slate-300"
                    checked={values[field.name] === true}
                    onChange={(event) => setValues((current) => ({ ...current, [field.name]: event.target.checked }))}
                  />
                ) : field.type === 'enum' ? (
                  <Select
                    {...control}
                    value={(values[field.name] as string | undefined) ?? ''}
                    onChange={(event) => setValues((current) => ({ ...current, [field.name]: event.target.value }))}
                  >
                    <option value="">Choose…</option>
                    {field.options.map((option) => (
                      <option key={option}>{option}</option>
                    ))}
                  </Select>
                ) : (
                  <Input
                    {...control}
                    value={(values[field.name] as string | undefined) ?? ''}
                    onChange={(event) => setValues((current) => ({ ...current, [field.name]: event.target.value }))}
                  />
                )
              }
            </Field>
          ))}
          {fields === null && (
            <Field id={`${prefix}-json`} label="Form data (JSON)" optional error={errors['json']}>
              {(control) => (
                <Textarea
                  {...control}
                  rows={3}
                  className="font-mono text-xs"
                  value={json}
                  onChange={(event) => setJson(event.target.value)}
                />
              )}
            </Field>
          )}
          <Field id={`${prefix}-comment`} label="Comment" optional>
            {(control) => (
              <Textarea
                {...control}
                rows={compact ? 1 : 2}
                value={comment}
                onChange={(event) => setComment(event.target.value)}
              />
            )}
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="primary"
              loading={decide.isPending && decide.variables.decision === 'approve'}
              disabled={decide.isPending}
              onClick={() => submit('approve')}
              icon={<Check className="size-4" aria-hidden="true" />}
            >
              Approve
            </Button>
            <Button
              variant="danger"
              loading={decide.isPending && decide.variables.decision === 'reject'}
              disabled={decide.isPending}
              onClick={() => submit('reject')}
              icon={<X className="size-4" aria-hidden="true" />}
            >
              Reject
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
