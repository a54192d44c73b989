import type { PipelineDefinition } from '@agent-fleet/contracts';
import { Save } from 'lucide-react';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/Button';
import type { CodeDiagnostic } from '../../../../components/ui/CodeEditor';
import { Input } from '../../../../components/ui/Input';
import { Notice } from '../../../../components/ui/Notice';
import { useToast } from '../../../../components/ui/useToast';
import { errorMessage } from '../../../../lib/api-error';
import { useUnsavedChangesPrompt } from '../../../agents/hooks/useUnsavedChangesPrompt';
import { useDebouncedValue } from '../../../prompts/hooks/useDebouncedValue';
import { DeferredPipelineGraph } from '../../graph/DeferredPipelineGraph';
import type { GraphStep } from '../../graph/layout';
import { usePipelineOutlet } from '../../hooks/usePipelineOutlet';
import { usePipelinePermissions } from '../../hooks/usePipelinePermissions';
import { useSavePipelineVersion } from '../../mutations';
import { usePipelineValidation } from '../../queries';
import { DeferredYamlEditor } from './DeferredYamlEditor';
import { PipelineIssuesList } from './PipelineIssuesList';

/** How long typing pauses before the draft is validated. */
export const VALIDATE_DELAY_MS = 400;

/** The saved definition's steps, for the graph before (or without) a validation. */
const stepsOf = (definition: PipelineDefinition): GraphStep[] =>
  Object.entries(definition.steps).map(([id, step]) => ({ id, type: step.type, needs: step.needs ?? [] }));

/**
 * The latest version's YAML beside its step graph. Editors get completion and validation as they
 * type (markers in the text, a list below, the graph following the draft) and save a new version with
 * a message. Roles without `pipelines:update` see the same, read-only, and nothing is validated.
 */
export function PipelineEditorTab() {
  const { pipeline } = usePipelineOutlet();
  const { canUpdate } = usePipelinePermissions();
  const latest = pipeline.latest;
  const [draft, setDraft] = useState(latest.source);
  const [message, setMessage] = useState('');
  const [settled, waiting] = useDebouncedValue(draft, VALIDATE_DELAY_MS);
  const validation = usePipelineValidation(
    canUpdate && settled.trim() !== '' ? { format: latest.format, source: settled } : null,
  );
  const save = useSavePipelineVersion();
  const toast = useToast();
  const messageId = useId();

  const result = canUpdate ? validation.data : undefined;
  const issues = useMemo(() => result?.issues ?? [], [result]);
  const diagnostics = useMemo(
    (): CodeDiagnostic[] =>
      issues
        .filter((issue) => issue.line !== undefined)
        .map((issue) => ({ severity: 'error', message: issue.message, line: issue.line ?? 1, column: issue.column ?? 1 })),
    [issues],
  );
  const savedSteps = useMemo(() => stepsOf(latest.definition), [latest.definition]);
  // A draft that does not parse has no graph: the last one that did stays on screen meanwhile.
  const [parsedSteps, setParsedSteps] = useState<readonly GraphStep[] | null>(null);
  const latestNodes = result?.graph?.nodes;
  if (latestNodes && latestNodes !== parsedSteps) setParsedSteps(latestNodes);
  const steps = parsedSteps ?? savedSteps;
  const graphOutdated = result !== undefined && result.graph === null;
  const changed = draft !== latest.source;
  // The server compiles before it saves and would refuse this text: say so instead of offering the save.
  const knownInvalid = result !== undefined && result.source === draft && !result.valid;
  const nextVersion = pipeline.latestVersion + 1;
  // Tabs are routes: switching to Versions would drop the draft, so leaving with edits asks first.
  const unsaved = useUnsavedChangesPrompt(canUpdate && changed);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(
      { name: pipeline.name, input: { format: latest.format, source: draft, commitMessage: message.trim() } },
      {
        onSuccess: (detail) => {
          toast.success(`Version ${detail.latestVersion} saved`, `${detail.name}@latest now points to it.`);
          setMessage('');
        },
      },
    );
  };

  return (
    <div className="flex flex-col gap-4">
      {!canUpdate && (
        <Notice title="Read-only">
          Your role can view this pipeline. Saving a version needs the pipelines:update permission.
        </Notice>
      )}
      <div className="grid min-w-0 gap-4 xl:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-3">
          <DeferredYamlEditor
            label={`Definition of ${pipeline.name} (${latest.format.toUpperCase()})`}
            value={draft}
            {...(canUpdate ? { onChange: setDraft } : {})}
            diagnostics={diagnostics}
            diagnosticsFor={result?.source}
            invalid={issues.length > 0}
            minHeight="28rem"
          />
          {canUpdate && <PipelineIssuesList issues={issues} checking={waiting || validation.isFetching} />}
          {canUpdate && validation.isError && (
            <Notice tone="warning" title="Could not validate the draft">
              {errorMessage(validation.error)}
            </Notice>
          )}
        </div>
        <div className="relative h-96 min-w-0 overflow-hidden rounded-lg border border-slate-200 bg-white xl:h-auto xl:min-h-[28rem]">
          <DeferredPipelineGraph steps={steps} label="Step graph" />
          {graphOutdated && (
            <p className="absolute top-2 left-2 rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-800 ring-1 ring-amber-200">
              The draft does not parse: the graph shows its last readable state.
            </p>
          )}
        </div>
      </div>
      {canUpdate && (
        <form
          onSubmit={submit}
          aria-label="Save a version"
          className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-end"
        >
          <div className="flex min-w-0 flex-1 flex-col gap-1.5">
            <label htmlFor={messageId} className="text-sm font-medium text-slate-800">
              Commit message
            </label>
            <Input
              id={messageId}
              value={message}
              onChange={(event) => setMessage(event.target.value)}
              placeholder="What changed, and why"
              maxLength={500}
            />
            <p className="text-xs text-slate-500">
              {!changed
                ? `No changes since version ${pipeline.latestVersion}.`
                : knownInvalid
                  ? 'Fix the problems above to save.'
                  : `Saving creates version ${nextVersion}.`}
            </p>
          </div>
          <Button
            type="submit"
            variant="primary"
            loading={save.isPending}
            disabled={!changed || knownInvalid}
            icon={<Save className="size-4" aria-hidden="true" />}
          >
            Save version {nextVersion}
          </Button>
        </form>
      )}
      {unsaved.prompt}
      {save.isError && (
        <Notice tone="danger" title="Could not save">
          {errorMessage(save.error)}
        </Notice>
      )}
    </div>
  );
}
