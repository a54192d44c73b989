import type {
  Diagnostic,
  Page,
  PromptCreate,
  PromptDetail,
  PromptTemplate,
  PromptVersion,
  VersionDiff,
  VersionInput,
} from '@agent-fleet/contracts';
import { apiRequest } from '../../lib/api-client';
import { toPromptApiQuery, type PromptListParams } from './list-params';
import type { AnalyzeRequest, PreviewRequest, PromptUsage, RenderResult, VersionSelector } from './types';

const BASE = '/api/v1/prompts';
const promptPath = (name: string, ...rest: (string | number)[]) =>
  [BASE, name, ...rest.map(String)].map((part, index) => (index === 0 ? part : encodeURIComponent(part))).join('/');

/**
 * Query keys. Everything about one template sits under `detail(name)`, so invalidating it after a
 * save or a label move refreshes its versions, diffs, renders and usage together.
 */
export const promptKeys = {
  all: ['prompts'] as const,
  lists: () => [...promptKeys.all, 'list'] as const,
  list: (params: PromptListParams) => [...promptKeys.lists(), params] as const,
  facets: () => [...promptKeys.lists(), 'facets'] as const,
  detail: (name: string) => [...promptKeys.all, 'detail', name] as const,
  versions: (name: string) => [...promptKeys.detail(name), 'versions'] as const,
  version: (name: string, selector: VersionSelector) => [...promptKeys.detail(name), 'version', String(selector)] as const,
  diff: (name: string, from: number, to: number) => [...promptKeys.detail(name), 'diff', from, to] as const,
  usage: (name: string) => [...promptKeys.detail(name), 'usage'] as const,
  render: (name: string, selector: VersionSelector, variables: Record<string, unknown>) =>
    [...promptKeys.detail(name), 'render', String(selector), variables] as const,
  analysis: (request: AnalyzeRequest) => [...promptKeys.all, 'analyze', request] as const,
  preview: (request: PreviewRequest) => [...promptKeys.all, 'preview', request] as const,
};

export const fetchPrompts = (params: PromptListParams, signal?: AbortSignal) =>
  apiRequest<Page<PromptTemplate>>(BASE, { query: toPromptApiQuery(params), signal });

export const fetchPrompt = (name: string, signal?: AbortSignal) => apiRequest<PromptDetail>(promptPath(name), { signal });

export const fetchPromptVersions = (name: string, signal?: AbortSignal) =>
  apiRequest<{ items: PromptVersion[] }>(promptPath(name, 'versions'), { signal });

export const fetchPromptVersion = (name: string, selector: VersionSelector, signal?: AbortSignal) =>
  apiRequest<PromptVersion>(promptPath(name, 'versions', selector), { signal });

export const fetchPromptDiff = (name: string, from: number, to: number, signal?: AbortSignal) =>
  apiRequest<VersionDiff>(promptPath(name, 'diff'), { query: { from, to }, signal });

export const fetchPromptUsage = (name: string, signal?: AbortSignal) =>
  apiRequest<PromptUsage>(promptPath(name, 'usage'), { signal });

export const analyzePrompt = (body: AnalyzeRequest, signal?: AbortSignal) =>
  apiRequest<{ diagnostics: Diagnostic[] }>(`${BASE}/analyze`, { method: 'POST', body, signal });

export const previewPrompt = (body: PreviewRequest, signal?: AbortSignal) =>
  apiRequest<RenderResult>(`${BASE}/preview`, { method: 'POST', body, signal });

export const renderPrompt = (name: string, selector: VersionSelector, variables: Record<string, unknown>, signal?: AbortSignal) =>
  apiRequest<RenderResult>(promptPath(name, 'render'), { method: 'POST', body: { selector, variables }, signal });

export const createPrompt = (body: PromptCreate) => apiRequest<PromptDetail>(BASE, { method: 'POST', body });

export interface SaveVersionVariables {
  name: string;
  input: VersionInput;
}

export const savePromptVersion = ({ name, input }: SaveVersionVariables) =>
  apiRequest<PromptDetail>(promptPath(name, 'versions'), { method: 'POST', body: input });

export interface UpdatePromptVariables {
  name: string;
  patch: Partial<Pick<PromptTemplate, 'category' | 'tags' | 'description'>>;
}

export const updatePrompt = ({ name, patch }: UpdatePromptVariables) =>
  apiRequest<PromptTemplate>(promptPath(name), { method: 'PATCH', body: patch });

export const deletePrompt = (name: string) => apiRequest<undefined>(promptPath(name), { method: 'DELETE' });

export interface LabelVariables {
  name: string;
  label: string;
}

export const movePromptLabel = ({ name, label, version }: LabelVariables & { version: number }) =>
  apiRequest<PromptTemplate>(promptPath(name, 'labels', label), { method: 'PUT', body: { version } });

export const deletePromptLabel = ({ name, label }: LabelVariables) =>
  apiRequest<undefined>(promptPath(name, 'labels', label), { method: 'DELETE' });
