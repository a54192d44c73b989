import type { UsageGroup } from '@agent-fleet/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryValue } from '../../lib/api-client';
import { AGENT_DIRECTORY, agentKeys, fetchAgents } from '../agents/api';
import { usageKeys } from './query-keys';

export const fetchUsageSummary = (groupBy: UsageGroup, filters: Record<string, QueryValue>, signal?: AbortSignal) =>
  api('summarizeUsage', { query: { ...filters, groupBy }, signal });

export const fetchUsageCalls = (query: Record<string, QueryValue>, signal?: AbortSignal) =>
  api('listLlmCalls', { query, signal });

/** Totals and one row per group; the previous result stays on screen while new filters load. */
export function useUsageSummary(groupBy: UsageGroup, filters: Record<string, QueryValue>) {
  return useQuery({
    queryKey: usageKeys.summary(groupBy, filters),
    queryFn: ({ signal }) => fetchUsageSummary(groupBy, filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** One page of calls, newest first. */
export function useUsageCalls(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: usageKeys.calls(query),
    queryFn: ({ signal }) => fetchUsageCalls(query, signal),
    placeholderData: keepPreviousData,
  });
}

/** Agents by name, for the agent filter and to name calls; only for roles that may read agents. */
export function useAgentNames(enabled: boolean) {
  return useQuery({
    queryKey: agentKeys.list(AGENT_DIRECTORY),
    queryFn: ({ signal }) => fetchAgents(AGENT_DIRECTORY, signal),
    enabled,
    select: (page) => page.items.map((agent) => ({ id: agent.id, name: agent.name })),
  });
}

export { usageKeys };
