import type { LlmCall, LlmCallListQuery, Page, UsageSummary, UsageSummaryQuery } from '@agent-fleet/contracts';
import type { AgentRepository } from '../agents/agent-repository.js';
import { decodeCursor, pageAfter } from '../cursor.js';
import type { LlmCallRepository } from './llm-ports.js';

const CALL_SORT = '-createdAt';

/** The usage ledger: every provider call, and its totals by agent, model, provider, prompt or day. */
export class UsageService {
  constructor(
    private readonly ledger: LlmCallRepository,
    private readonly agents: AgentRepository,
  ) {}

  async calls(workspaceId: string, query: LlmCallListQuery): Promise<Page<LlmCall>> {
    const { cursor, ...filters } = query;
    const after = cursor === undefined ? undefined : decodeCursor(cursor, CALL_SORT, 'timestamp');
    const { items, ...total } = await this.ledger.list(workspaceId, { ...filters, ...(after ? { after } : {}) });
    return { ...pageAfter(items, query.limit, CALL_SORT, (call) => call.createdAt), ...total };
  }

  async summary(workspaceId: string, query: UsageSummaryQuery): Promise<UsageSummary> {
    const { rows, totals } = await this.ledger.summarize(workspaceId, query);
    const labelled = await Promise.all(
      rows.map(async (row) => ({ ...row, label: await this.labelOf(workspaceId, query.groupBy, row.key) })),
    );
    return { groupBy: query.groupBy, from: query.from ?? null, to: query.to ?? null, rows: labelled, totals };
  }

  private async labelOf(workspaceId: string, groupBy: UsageSummaryQuery['groupBy'], key: string): Promise<string> {
    if (groupBy === 'prompt') return key || 'No template';
    if (groupBy !== 'agent') return key;
    if (!key) return 'No agent';
    return (await this.agents.findById(workspaceId, key))?.name ?? 'Deleted agent';
  }
}
