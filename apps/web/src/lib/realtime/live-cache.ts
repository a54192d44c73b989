import type { Agent, LiveEventData, LiveEventType, Page } from '@agent-fleet/contracts';
import type { InvalidateQueryFilters, QueryClient, QueryKey } from '@tanstack/react-query';
import { agentKeys } from '../../features/agents/query-keys';
import { conversationKeys } from '../../features/chat/query-keys';
import { fleetKeys } from '../../features/fleets/query-keys';
import { fleetTaskKeys } from '../../features/fleets/task-query-keys';
import { runKeys } from '../../features/runs/query-keys';
import { usageKeys } from '../../features/usage/query-keys';
import type { LiveEvent } from './realtime-client';

/** The data of a known event type (the server's contract; unknown types are ignored). */
function is<T extends LiveEventType>(event: LiveEvent, type: T): event is LiveEvent & { data: LiveEventData[T] } {
  return event.eventType === type && typeof event.data === 'object' && event.data !== null;
}

/**
 * Marks queries stale and refetches the ones on screen. A refetch already under way is left to finish
 * (`cancelRefetch: false`): events can come faster than a list loads, and restarting it each time would
 * never let it land.
 */
function refresh(queryClient: QueryClient, queryKey: QueryKey, filters: Omit<InvalidateQueryFilters, 'queryKey'> = {}) {
  void queryClient.invalidateQueries({ queryKey, ...filters }, { cancelRefetch: false });
}

/** Sets fields of one agent wherever it is cached (its page and every list holding it), at once. */
function patchAgent(queryClient: QueryClient, agentId: string, patch: Partial<Agent>): void {
  queryClient.setQueryData<Agent>(agentKeys.detail(agentId), (agent) => (agent ? { ...agent, ...patch } : agent));
  queryClient.setQueriesData<Page<Agent>>({ queryKey: agentKeys.lists() }, (page) =>
    page?.items.some((agent) => agent.id === agentId)
      ? { ...page, items: page.items.map((agent) => (agent.id === agentId ? { ...agent, ...patch } : agent)) }
      : page,
  );
}

/**
 * Applies one event of `workspace:<id>` (or of a resource topic) to the TanStack Query cache: small states
 * (an agent's badges) are written in place, everything else is invalidated so what is on screen refetches
 * over REST. Unknown event types change nothing.
 */
export function applyLiveEvent(queryClient: QueryClient, event: LiveEvent): void {
  if (is(event, 'agent.state')) {
    patchAgent(queryClient, event.data.agentId, { adminState: event.data.adminState });
    // Filtered lists may gain or lose it; the state history grew.
    refresh(queryClient, agentKeys.lists());
    refresh(queryClient, [...agentKeys.detail(event.data.agentId), 'state-history']);
    refresh(queryClient, fleetKeys.all);
  } else if (is(event, 'agent.observed')) {
    patchAgent(queryClient, event.data.agentId, { observedState: event.data.observedState });
    // A task started or ended: its history changed, and lists filtered by state are only marked stale.
    refresh(queryClient, agentKeys.tasks(event.data.agentId));
    refresh(queryClient, agentKeys.lists(), { refetchType: 'none' });
  } else if (is(event, 'agent.created') || is(event, 'agent.updated') || is(event, 'agent.deleted')) {
    refresh(queryClient, agentKeys.lists());
    if (event.eventType === 'agent.deleted')
      queryClient.removeQueries({ queryKey: agentKeys.detail(event.data.agentId), type: 'inactive' });
    else refresh(queryClient, agentKeys.detail(event.data.agentId), { exact: true });
  } else if (
    is(event, 'fleet.created') ||
    is(event, 'fleet.updated') ||
    is(event, 'fleet.deleted') ||
    is(event, 'fleet.members')
  ) {
    refresh(queryClient, fleetKeys.lists());
    refresh(queryClient, fleetKeys.detail(event.data.fleetId));
  } else if (is(event, 'fleet.task')) {
    refresh(queryClient, fleetTaskKeys.all(event.data.fleetId));
    // Queue depth and in-flight counts on the fleet's page and in the list.
    refresh(queryClient, fleetKeys.detail(event.data.fleetId));
    refresh(queryClient, fleetKeys.lists());
  } else if (is(event, 'conversation.changed')) {
    const { conversationId, agentId, change } = event.data;
    if (event.topic.startsWith('conversation:')) {
      // The open thread listens here: its messages changed too (a turn from elsewhere stored one).
      if (change !== 'deleted') refresh(queryClient, conversationKeys.detail(conversationId));
      return;
    }
    refresh(queryClient, conversationKeys.list(agentId));
    if (change === 'deleted') queryClient.removeQueries({ queryKey: conversationKeys.detail(conversationId), type: 'inactive' });
    else refresh(queryClient, conversationKeys.detail(conversationId), { exact: true });
  } else if (is(event, 'usage.recorded')) {
    refresh(queryClient, usageKeys.all);
  } else if (is(event, 'run.changed')) {
    refresh(queryClient, runKeys.lists());
    refresh(queryClient, runKeys.approvals());
    // The detail page streams its log over SSE; the run's row (status, totals) is read again.
    refresh(queryClient, runKeys.detail(event.data.runId), { exact: true });
  } else if (event.eventType === 'turn.started' || event.eventType === 'turn.ended') {
    // `conversation:<id>`: a turn (from any tab, the CLI or the API) started or ended there; its
    // `busy` and its messages are read again.
    if (event.topic.startsWith('conversation:')) {
      refresh(queryClient, conversationKeys.detail(event.topic.slice('conversation:'.length)));
    }
  }
}

/**
 * What to refetch when `topic`'s missed events could not be replayed (`reset`): everything its events
 * could have changed.
 */
export function resetTopic(queryClient: QueryClient, topic: string): void {
  const [kind, id = ''] = topic.split(':');
  if (kind === 'workspace') {
    for (const key of [agentKeys.all, fleetKeys.all, conversationKeys.all, runKeys.all, usageKeys.all]) refresh(queryClient, key);
  } else if (kind === 'agent') refresh(queryClient, agentKeys.detail(id));
  else if (kind === 'fleet') refresh(queryClient, fleetKeys.all);
  else if (kind === 'run') refresh(queryClient, runKeys.detail(id));
  else if (kind === 'conversation') refresh(queryClient, conversationKeys.detail(id));
  else if (kind === 'metrics') refresh(queryClient, usageKeys.all);
}
