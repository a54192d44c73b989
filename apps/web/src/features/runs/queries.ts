import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchPipeline, fetchPipelines, fetchPipelineVersion, pipelineKeys } from '../pipelines/api';
import { fetchApprovals, fetchRun, fetchRunEvents, fetchRuns, fetchStepLlmCalls, runKeys } from './api';
import type { RunListParams } from './list-params';
import { isActiveRun } from './run-status';

/** How often a list showing an active run asks again. Polling is enough for a table; the detail page streams. */
export const LIST_POLL_MS = 3000;

/** One page of runs. While any listed run is queued or running, the page refreshes every few seconds. */
export function useRuns(params: RunListParams) {
  return useQuery({
    queryKey: runKeys.list(params),
    queryFn: ({ signal }) => fetchRuns(params, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((run) => isActiveRun(run.status)) ? LIST_POLL_MS : false),
  });
}

export function useRun(id: string) {
  return useQuery({ queryKey: runKeys.detail(id), queryFn: ({ signal }) => fetchRun(id, signal) });
}

/** The event log as loaded; the live stream appends to the same cache entry (see useRunStream). */
export function useRunEvents(id: string) {
  return useQuery({
    queryKey: runKeys.events(id),
    queryFn: ({ signal }) => fetchRunEvents(id, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The definition a run is pinned to: its step graph, approval forms and roles. Versions never change. */
export function useRunDefinition(name: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: pipelineKeys.version(name ?? '', version ?? 0),
    queryFn: ({ signal }) => fetchPipelineVersion(name ?? '', version ?? 0, signal),
    enabled: name !== undefined && version !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Approvals waiting for a decision, with whether this user may decide each. */
export function useApprovals(options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: runKeys.approvals(),
    queryFn: async ({ signal }) => (await fetchApprovals(signal)).items,
    refetchInterval: options.poll ? LIST_POLL_MS * 2 : false,
  });
}

/** The LLM calls one step made (the usage ledger filtered by run and step); needs `settings:read`. */
export function useStepLlmCalls(runId: string, stepId: string, enabled: boolean) {
  return useQuery({
    queryKey: runKeys.llmCalls(runId, stepId),
    queryFn: ({ signal }) => fetchStepLlmCalls(runId, stepId, signal),
    enabled,
  });
}

/** A pipeline with its labels, for the run dialog; idle until one is chosen. */
export function usePipelineToRun(name: string) {
  return useQuery({
    queryKey: pipelineKeys.detail(name),
    queryFn: ({ signal }) => fetchPipeline(name, signal),
    enabled: name !== '',
  });
}

/** The API's largest page of pipelines: enough to choose from in nearly every workspace. */
const PIPELINE_CHOICES = { q: '', limit: 100, cursor: undefined };

/** Pipelines to choose from, by name; idle when the pipeline is already given. */
export function usePipelineChoices(enabled: boolean) {
  return useQuery({
    queryKey: pipelineKeys.list(PIPELINE_CHOICES),
    queryFn: ({ signal }) => fetchPipelines(PIPELINE_CHOICES, signal),
    enabled,
  });
}
