import type { RerunSchema, RunCreate, RunEvent } from '@agent-fleet/contracts';
import type { z } from 'zod';
import { api } from '../../lib/api-client';
import type { RunListParams } from './list-params';
import { runKeys } from './query-keys';

export const fetchRuns = (params: RunListParams, signal?: AbortSignal) =>
  api('listRuns', {
    query: { pipeline: params.pipeline || undefined, status: params.status, limit: params.limit, cursor: params.cursor },
    signal,
  });

export const fetchRun = (id: string, signal?: AbortSignal) => api('getRun', { params: { id }, signal });

/** The API's largest page of events. */
const EVENT_PAGE = 1000;

/** The whole event log so far, page by page. */
export async function fetchRunEvents(id: string, signal?: AbortSignal): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for (;;) {
    const after = events.at(-1)?.seq ?? 0;
    const page = await api('listRunEvents', { params: { id }, query: { after, limit: EVENT_PAGE }, signal });
    events.push(...page.items);
    if (page.items.length < EVENT_PAGE) return events;
  }
}

export const fetchApprovals = (signal?: AbortSignal) => api('listApprovals', { signal });

export const fetchStepLlmCalls = (runId: string, stepId: string, signal?: AbortSignal) =>
  api('listLlmCalls', { query: { runId, stepId, limit: 50 }, signal });

export interface CreateRunVariables {
  body: RunCreate;
  /** Sent as `Idempotency-Key`: a double submit of one dialog starts one run. */
  idempotencyKey: string;
}

export const createRun = ({ body, idempotencyKey }: CreateRunVariables) =>
  api('createRun', { body: { ...body, trigger: 'ui' }, headers: { 'Idempotency-Key': idempotencyKey } });

export const cancelRun = (id: string) => api('cancelRun', { params: { id } });
export const retryRun = (id: string) => api('retryRun', { params: { id } });

export interface RerunVariables {
  id: string;
  body: z.input<typeof RerunSchema>;
}
export const rerunRun = ({ id, body }: RerunVariables) => api('rerunRun', { params: { id }, body });

export interface DecideApprovalVariables {
  runId: string;
  step: string;
  decision: 'approve' | 'reject';
  comment?: string;
  data?: Record<string, unknown>;
}

export const decideApproval = ({ runId, step, decision, comment, data }: DecideApprovalVariables) =>
  api('decideApproval', {
    params: { id: runId, step },
    body: {
      decision,
      ...(comment ? { comment } : {}),
      ...(data && Object.keys(data).length > 0 ? { data: data as never } : {}),
    },
  });

export { runKeys };
