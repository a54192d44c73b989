import { Card } from '../../../../components/ui/Card';
import { renderFeedback } from '../../draft/render-errors';
import { useDraftPreview } from '../../hooks/useLiveRender';
import { useVariableInputs } from '../../hooks/useVariableInputs';
import type { TemplateSource, VariableDeclaration } from '../../types';
import { RenderedOutput } from '../playground/RenderedOutput';
import { VariableValuesForm } from '../playground/VariableValuesForm';

export interface DraftPreviewProps {
  source: TemplateSource;
  /** null while the declarations being edited are not valid. */
  declarations: readonly VariableDeclaration[] | null;
  /** The template's name, so includes of itself are caught. */
  name: string | undefined;
}

const NO_DECLARATIONS: readonly VariableDeclaration[] = [];

/** The unsaved draft rendered live with sample values, via the preview endpoint. */
export function DraftPreview({ source, declarations, name }: DraftPreviewProps) {
  const variables = useVariableInputs(declarations ?? NO_DECLARATIONS);
  const ready = declarations !== null && Object.keys(variables.errors).length === 0;
  const preview = useDraftPreview(
    ready ? { source, declarations: [...declarations], variables: variables.values, ...(name ? { name } : {}) } : null,
  );
  const feedback = renderFeedback(preview.error, variables.touched, variables.errors);

  return (
    <Card title="Preview" description="The draft rendered with these values; nothing is saved.">
      {declarations === null ? (
        <p className="text-sm text-slate-500">Fix the variable declarations to preview the draft.</p>
      ) : (
        <div className="flex flex-col gap-5">
          <VariableValuesForm
            idPrefix="preview"
            declarations={declarations}
            inputs={variables.inputs}
            onChange={variables.setInput}
            errors={feedback.fieldErrors}
          />
          <RenderedOutput result={preview.data} pending={preview.pending} problem={feedback.general} missing={feedback.missing} />
        </div>
      )}
    </Card>
  );
}
