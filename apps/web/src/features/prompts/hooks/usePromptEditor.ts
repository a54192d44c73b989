import { useMemo, useState } from 'react';
import { stableStringify } from '../../../lib/json';
import { diagnosticsFromError, hasErrors } from '../draft/diagnostics';
import { draftSource, type PromptDraft } from '../draft/prompt-draft';
import { checkName, type PromptMetaDraft } from '../draft/prompt-meta';
import { noSaveProblems, type SaveProblems } from '../draft/save-errors';
import { newVariable, toDeclarations, type VariableErrors } from '../draft/variable-drafts';
import type { AnalyzeRequest } from '../types';
import { useDraftAnalysis } from './useLiveRender';

/** Messages that mean "not filled in yet": hidden until the first save attempt, so a new row is not red at once. */
const UNTOUCHED_ERRORS = new Set(['Name the variable', 'Add at least one option']);

export interface PromptEditorOptions {
  initialDraft: PromptDraft;
  /** Present when creating: the new template's name and filing. */
  initialMeta?: PromptMetaDraft;
  /** The template being versioned, so analysis catches includes of itself. */
  templateName?: string;
}

/** The editor's state: the draft, its live analysis, and problems from the last save attempt. */
export function usePromptEditor({ initialDraft, initialMeta, templateName }: PromptEditorOptions) {
  const [initial] = useState(() => stableStringify({ draft: initialDraft, meta: initialMeta }));
  const [draft, setDraft] = useState(initialDraft);
  const [meta, setMeta] = useState(initialMeta);
  const [attempted, setAttempted] = useState(false);
  const [problems, setProblems] = useState<SaveProblems>(noSaveProblems);

  const source = useMemo(() => draftSource(draft), [draft]);
  const declarations = useMemo(() => toDeclarations(draft.variables), [draft.variables]);
  const name = templateName ?? (meta && checkName(meta.name) === undefined ? meta.name.trim() : undefined);
  const request = useMemo<AnalyzeRequest | null>(
    () => (declarations.ok ? { source, variables: declarations.declarations, ...(name ? { name } : {}) } : null),
    [source, declarations, name],
  );
  const analysis = useDraftAnalysis(request);
  const diagnostics = useMemo(
    () => (analysis.error ? diagnosticsFromError(analysis.error) : (analysis.data ?? [])),
    [analysis.error, analysis.data],
  );

  const variableErrors = useMemo(() => {
    const merged: Record<string, VariableErrors> = {};
    const live = declarations.ok ? {} : declarations.errors;
    for (const variable of draft.variables) {
      const shown = Object.entries(live[variable.key] ?? {}).filter(([, message]) => attempted || !UNTOUCHED_ERRORS.has(message));
      const combined = { ...Object.fromEntries(shown), ...problems.variables[variable.key] };
      if (Object.keys(combined).length > 0) merged[variable.key] = combined;
    }
    return merged;
  }, [declarations, draft.variables, attempted, problems.variables]);

  const changeDraft = (patch: Partial<PromptDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    // A problem the server reported stays until the field it concerns is edited.
    setProblems((current) => ({
      ...current,
      variables: 'variables' in patch ? {} : current.variables,
      config: 'provider' in patch || 'model' in patch || 'temperature' in patch ? {} : current.config,
      ...('commitMessage' in patch ? { commitMessage: undefined } : {}),
    }));
  };

  const changeMeta = (patch: Partial<PromptMetaDraft>) => {
    setMeta((current) => (current ? { ...current, ...patch } : current));
    setProblems((current) => ({
      ...current,
      meta: Object.fromEntries(Object.entries(current.meta).filter(([field]) => !(field in patch))),
    }));
  };

  const declare = (variableName: string) =>
    changeDraft({ variables: [...draft.variables, { ...newVariable(variableName), required: true }] });

  return {
    draft,
    meta,
    changeDraft,
    changeMeta,
    declare,
    source,
    /** The declarations, or null while a row is invalid. */
    declarations: declarations.ok ? declarations.declarations : null,
    variableErrors,
    diagnostics,
    analyzed: analysis.dataFor?.source,
    checking: analysis.pending,
    hasErrorDiagnostics: hasErrors(diagnostics),
    dirty: stableStringify({ draft, meta }) !== initial,
    problems,
    setProblems,
    attempted,
    markAttempted: () => setAttempted(true),
  };
}

export type PromptEditorState = ReturnType<typeof usePromptEditor>;
