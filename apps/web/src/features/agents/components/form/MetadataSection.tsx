import { WandSparkles } from 'lucide-react';
import { Button } from '../../../../components/ui/Button';
import { Field } from '../../../../components/ui/Field';
import { Textarea } from '../../../../components/ui/Textarea';
import { prettyJson } from '../../../../lib/json';
import { fieldId } from '../../form/field-paths';
import { FormSection } from './FormSection';
import type { SectionProps } from './section-props';

/** Pretty-prints the text when it is valid JSON; otherwise leaves it for validation to explain. */
const formatJson = (text: string): string | undefined => {
  try {
    return prettyJson(JSON.parse(text));
  } catch {
    return undefined;
  }
};

export function MetadataSection({ values, errors, onChange, disabled }: SectionProps) {
  const formatted = formatJson(values.metadata);
  return (
    <FormSection
      title="Metadata"
      description="Free-form labels for your own tooling: owner, team, cost centre. Not sent to the model."
    >
      <Field id={fieldId('metadata')} label="Metadata (JSON)" error={errors['metadata']} hint="A JSON object, up to 16 KiB.">
        {(control) => (
          <Textarea
            {...control}
            value={values.metadata}
            onChange={(event) => onChange({ metadata: event.target.value })}
            disabled={disabled}
            rows={6}
            spellCheck={false}
            className="font-mono text-[13px]"
          />
        )}
      </Field>
      <div className="mt-2 flex justify-end">
        <Button
          size="sm"
          variant="ghost"
          disabled={disabled || formatted === undefined || formatted === values.metadata}
          onClick={() => formatted !== undefined && onChange({ metadata: formatted })}
          icon={<WandSparkles className="size-3.5" aria-hidden="true" />}
        >
          Format JSON
        </Button>
      </div>
    </FormSection>
  );
}
