import type { Diagnostic } from '@agent-fleet/contracts';
import { analyzePrompt, previewPrompt, promptKeys, renderPrompt } from '../api';
import type { AnalyzeRequest, PreviewRequest, RenderResult, VersionSelector } from '../types';
import { useDebouncedQuery } from './useDebouncedQuery';

/** Live diagnostics of a draft; null while the draft cannot be sent (invalid declarations). */
export function useDraftAnalysis(request: AnalyzeRequest | null) {
  return useDebouncedQuery<AnalyzeRequest, Diagnostic[]>({
    request,
    queryKey: promptKeys.analysis,
    queryFn: async (body, signal) => (await analyzePrompt(body, signal)).diagnostics,
  });
}

/** The editor's live preview of an unsaved draft. */
export function useDraftPreview(request: PreviewRequest | null) {
  return useDebouncedQuery<PreviewRequest, RenderResult>({ request, queryKey: promptKeys.preview, queryFn: previewPrompt });
}

export interface RenderRequest {
  name: string;
  selector: VersionSelector;
  variables: Record<string, unknown>;
}

/** The playground's live render of a saved version. */
export function useLiveRender(request: RenderRequest | null) {
  return useDebouncedQuery<RenderRequest, RenderResult>({
    request,
    queryKey: ({ name, selector, variables }) => promptKeys.render(name, selector, variables),
    queryFn: ({ name, selector, variables }, signal) => renderPrompt(name, selector, variables, signal),
  });
}
