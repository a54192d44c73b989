import { useSearchParams } from 'react-router';
import { Card } from '../../../../components/ui/Card';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { Skeleton } from '../../../../components/ui/Skeleton';
import { renderFeedback } from '../../draft/render-errors';
import { useLiveRender } from '../../hooks/useLiveRender';
import { usePromptOutlet } from '../../hooks/usePromptOutlet';
import { useVariableInputs } from '../../hooks/useVariableInputs';
import { usePromptVersion, usePromptVersions } from '../../queries';
import type { VariableDeclaration, VersionSelector } from '../../types';
import { RenderedOutput } from './RenderedOutput';
import { VariableValuesForm } from './VariableValuesForm';
import { VersionSelect } from './VersionSelect';

const NO_DECLARATIONS: readonly VariableDeclaration[] = [];

/** Renders a saved version with sample values; the version (or label) sits in the URL to share. */
export function PromptPlaygroundTab() {
  const { prompt } = usePromptOutlet();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('version');
  const selector: VersionSelector =
    requested === null
      ? 'production' in prompt.labels
        ? 'production'
        : 'latest'
      : /^\d+$/.test(requested)
        ? Number(requested)
        : requested;
  const version = usePromptVersion(prompt.name, selector);
  const versions = usePromptVersions(prompt.name);
  const declarations = version.data?.variables ?? NO_DECLARATIONS;
  const variables = useVariableInputs(declarations);
  const ready = version.data !== undefined && !version.isPlaceholderData && Object.keys(variables.errors).length === 0;
  // By number, not label: the declarations on screen and the render must be of the same version.
  const render = useLiveRender(
    ready && version.data ? { name: prompt.name, selector: version.data.version, variables: variables.values } : null,
  );
  const feedback = renderFeedback(render.error, variables.touched, variables.errors);

  return (
    <section aria-labelledby="playground-heading" className="flex flex-col gap-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="playground-heading" className="text-base font-semibold text-slate-900">
            Playground
          </h2>
          <p className="text-sm text-slate-500">Fill in the variables; the output renders as you type.</p>
        </div>
        <VersionSelect
          id="playground-version"
          label="Version"
          value={selector}
          onChange={(next) => setSearchParams({ version: String(next) }, { replace: true })}
          labels={prompt.labels}
          latestVersion={prompt.latestVersion}
          versions={versions.data}
        />
      </div>

      {version.isError ? (
        <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
          <ErrorState error={version.error} title="Could not load this version" onRetry={() => void version.refetch()} />
        </div>
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card
            title="Variables"
            description={version.data ? `Declared by version ${version.data.version}.` : 'Loading the declarations…'}
          >
            {version.data ? (
              <VariableValuesForm
                idPrefix="playground"
                declarations={declarations}
                inputs={variables.inputs}
                onChange={variables.setInput}
                errors={feedback.fieldErrors}
              />
            ) : (
              <div role="status" aria-label="Loading variables" className="flex flex-col gap-3">
                <Skeleton className="h-9 w-full" />
                <Skeleton className="h-9 w-full" />
              </div>
            )}
          </Card>
          <Card title="Output" description="What the model would receive.">
            <RenderedOutput result={render.data} pending={render.pending} problem={feedback.general} missing={feedback.missing} />
          </Card>
        </div>
      )}
    </section>
  );
}
