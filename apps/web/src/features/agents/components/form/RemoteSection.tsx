import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { Select } from '../../../../components/ui/Select';
import type { CredentialType } from '../../form/agent-form-values';
import { fieldId } from '../../form/field-paths';
import { FormSection } from './FormSection';
import type { SectionProps } from './section-props';

/** The agent's kind, and for a remote A2A agent its card URL and credential (the secret is write-only). */
export function RemoteSection({ values, errors, onChange, disabled, kindLocked }: SectionProps & { kindLocked: boolean }) {
  const secretHint = values.credentialStored
    ? 'A secret is stored. Leave blank to keep it, or type a new one to replace it.'
    : 'Stored encrypted; it is never shown again.';
  return (
    <FormSection
      title="Kind"
      description="A model agent runs on a model with its prompt and tools; a remote agent hands its tasks to another A2A agent."
    >
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <Field
          id={fieldId('kind')}
          label="Kind"
          error={errors['kind']}
          hint={kindLocked ? 'The kind cannot change once the agent exists.' : undefined}
        >
          {(control) => (
            <Select
              {...control}
              value={values.kind}
              onChange={(event) => onChange({ kind: event.target.value === 'a2a' ? 'a2a' : 'model' })}
              disabled={disabled || kindLocked}
            >
              <option value="model">Model agent</option>
              <option value="a2a">Remote A2A agent</option>
            </Select>
          )}
        </Field>
        {values.kind === 'a2a' && (
          <>
            <Field
              id={fieldId('remote.cardUrl')}
              label="Agent Card URL"
              error={errors['remote.cardUrl'] ?? errors['remote']}
              className="sm:col-span-2"
              hint="Where the remote publishes its card, e.g. https://agents.example.com/.well-known/agent-card.json"
            >
              {(control) => (
                <Input
                  {...control}
                  type="url"
                  value={values.cardUrl}
                  onChange={(event) => onChange({ cardUrl: event.target.value })}
                  disabled={disabled}
                  maxLength={500}
                  spellCheck={false}
                  autoCapitalize="none"
                />
              )}
            </Field>
            <Field id={fieldId('remote.credential')} label="Credential" error={errors['remote.credential']}>
              {(control) => (
                <Select
                  {...control}
                  value={values.credentialType}
                  onChange={(event) => onChange({ credentialType: event.target.value as CredentialType })}
                  disabled={disabled}
                >
                  <option value="none">None</option>
                  <option value="bearer">Bearer token</option>
                  <option value="apiKey">API key in a header</option>
                </Select>
              )}
            </Field>
            {values.credentialType === 'apiKey' ? (
              <Field
                id={fieldId('remote.credential.headerName')}
                label="Header name"
                error={errors['remote.credential.headerName']}
                optional
                hint="Default X-API-Key."
              >
                {(control) => (
                  <Input
                    {...control}
                    value={values.credentialHeader}
                    onChange={(event) => onChange({ credentialHeader: event.target.value })}
                    disabled={disabled}
                    maxLength={100}
                    placeholder="X-API-Key"
                  />
                )}
              </Field>
            ) : (
              <div />
            )}
            {values.credentialType !== 'none' && (
              <Field
                id={fieldId('remote.credential.secret')}
                label="Secret"
                error={errors['remote.credential.secret']}
                optional={values.credentialStored}
                hint={secretHint}
                className="sm:col-span-2"
              >
                {(control) => (
                  <div className="flex items-center gap-2">
                    <Input
                      {...control}
                      type="password"
                      autoComplete="new-password"
                      value={values.credentialSecret}
                      onChange={(event) => onChange({ credentialSecret: event.target.value })}
                      disabled={disabled}
                      placeholder={values.credentialStored ? 'stored' : ''}
                      className="flex-1"
                    />
                    {values.credentialStored && (
                      <span className="rounded-md bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200 ring-inset">
                        stored
                      </span>
                    )}
                  </div>
                )}
              </Field>
            )}
          </>
        )}
      </div>
    </FormSection>
  );
}
