import type { PromptCreate, PromptTemplate, VersionInput } from '@agent-fleet/contracts';
import { api } from '../../lib/api-client';
import { toPromptApiQuery, type PromptListParams } from './list-params';
import type { AnalyzeRequest, PreviewRequest, VersionSelector } from './types';

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
  api('listPrompts', { query: toPromptApiQuery(params), signal });

export const fetchPrompt = (name: string, signal?: AbortSignal) => api('getPrompt', { params: { name }, signal });

export const fetchPromptVersions = (name: string, signal?: AbortSignal) =>
  api('listPromptVersions', { params: { name }, signal });

export const fetchPromptVersion = (name: string, selector: VersionSelector, signal?: AbortSignal) =>
  api('getPromptVersion', { params: { name, selector }, signal });

export const fetchPromptDiff = (name: string, from: number, to: number, signal?: AbortSignal) =>
  api('diffPromptVersions', { params: { name }, query: { from, to }, signal });

export const fetchPromptUsage = (name: string, signal?: AbortSignal) => api('promptUsage', { params: { name }, signal });

export const analyzePrompt = (body: AnalyzeRequest, signal?: AbortSignal) => api('analyzePrompt', { body, signal });

export const previewPrompt = (body: PreviewRequest, signal?: AbortSignal) => api('previewPrompt', { body, signal });

export const renderPrompt = (name: string, selector: VersionSelector, variables: Record<string, unknown>, signal?: AbortSignal) =>
  api('renderPrompt', { params: { name }, body: { selector, variables }, signal });

export const createPrompt = (body: PromptCreate) => api('createPrompt', { body });

export interface SaveVersionVariables {
  name: string;
  input: VersionInput;
}

export const savePromptVersion = ({ name, input }: SaveVersionVariables) =>
  api('createPromptVersion', { params: { name }, body: input });

export interface UpdatePromptVariables {
  name: string;
  patch: Partial<Pick<PromptTemplate, 'category' | 'tags' | 'description'>>;
}

export const updatePrompt = ({ name, patch }: UpdatePromptVariables) => api('updatePrompt', { params: { name }, body: patch });

export const deletePrompt = (name: string) => api('deletePrompt', { params: { name } });

export interface LabelVariables {
  name: string;
  label: string;
}

export const movePromptLabel = ({ name, label, version }: LabelVariables & { version: number }) =>
  api('movePromptLabel', { params: { name, label }, body: { version } });

export const deletePromptLabel = ({ name, label }: LabelVariables) => api('deletePromptLabel', { params: { name, label } });
