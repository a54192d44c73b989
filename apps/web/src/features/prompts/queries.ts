import type { PromptTemplate } from '@agent-fleet/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  fetchPrompt,
  fetchPromptDiff,
  fetchPrompts,
  fetchPromptUsage,
  fetchPromptVersion,
  fetchPromptVersions,
  promptKeys,
} from './api';
import type { PromptListParams } from './list-params';
import type { VersionSelector } from './types';

/** One page of templates. The previous page stays on screen while the next one loads. */
export function usePrompts(params: PromptListParams) {
  return useQuery({
    queryKey: promptKeys.list(params),
    queryFn: ({ signal }) => fetchPrompts(params, signal),
    placeholderData: keepPreviousData,
  });
}

/** Pages read for the library's folder tree and filter choices: up to 1,000 templates. */
const FACET_PAGES = 10;
const FACET_PAGE_SIZE = 100;

/**
 * Every template's category, tags and labels, for the folder tree and the filter menus. The list API
 * has no facet endpoint, so this reads whole pages; workspaces beyond the cap get partial menus.
 */
export function usePromptFacets() {
  return useQuery({
    queryKey: promptKeys.facets(),
    queryFn: async ({ signal }) => {
      const items: PromptTemplate[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < FACET_PAGES; page++) {
        const result = await fetchPrompts({ q: '', category: '', tag: '', label: '', limit: FACET_PAGE_SIZE, cursor }, signal);
        items.push(...result.items);
        if (result.nextCursor === null) return { items, complete: true };
        cursor = result.nextCursor;
      }
      return { items, complete: false };
    },
    staleTime: 30_000,
  });
}

export function usePrompt(name: string) {
  return useQuery({ queryKey: promptKeys.detail(name), queryFn: ({ signal }) => fetchPrompt(name, signal) });
}

/** The version history, oldest first as the API returns it. */
export function usePromptVersions(name: string) {
  return useQuery({
    queryKey: promptKeys.versions(name),
    queryFn: async ({ signal }) => (await fetchPromptVersions(name, signal)).items,
  });
}

export function usePromptVersion(name: string, selector: VersionSelector) {
  return useQuery({
    queryKey: promptKeys.version(name, selector),
    queryFn: ({ signal }) => fetchPromptVersion(name, selector, signal),
    placeholderData: keepPreviousData,
  });
}

/** The diff of two versions; disabled until both are chosen and differ. */
export function usePromptDiff(name: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: promptKeys.diff(name, from ?? 0, to ?? 0),
    queryFn: ({ signal }) => fetchPromptDiff(name, from ?? 0, to ?? 0, signal),
    enabled: from !== null && to !== null && from !== to,
    placeholderData: keepPreviousData,
  });
}

export function usePromptUsage(name: string) {
  return useQuery({
    queryKey: promptKeys.usage(name),
    queryFn: async ({ signal }) => (await fetchPromptUsage(name, signal)).items,
  });
}
